import { describe, expect, it } from 'vitest';
import { parseLabelledCsv } from './read-labelled-csv';

describe('parseLabelledCsv', () => {
  it('reads quoted fields with commas and newlines, ignores other columns and the BOM', () => {
    const csv =
      '\uFEFFid,label,text,extra\n1,water,"停水了，\n三天没水",x\n2,noise,"他说""太吵""",y\n3,,空标签,z\n';
    expect(parseLabelledCsv(csv)).toEqual([
      { text: '停水了，\n三天没水', label: 'water' },
      { text: '他说"太吵"', label: 'noise' },
    ]);
  });

  it('refuses a file without the text and label columns', () => {
    expect(() => parseLabelledCsv('body,category\na,b\n')).toThrow(/text.*label/);
  });
});
