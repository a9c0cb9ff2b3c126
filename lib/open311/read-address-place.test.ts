import { describe, expect, it } from 'vitest';
import { type NamedDivision, readAddressDivision } from './read-address-place';

const D: NamedDivision[] = [
  { code: '510400000000', parentCode: null, name: '攀枝花市', level: 'city' },
  { code: '510402000000', parentCode: '510400000000', name: '东区', level: 'county' },
  { code: '510403000000', parentCode: '510400000000', name: '西区', level: 'county' },
  { code: '510411000000', parentCode: '510400000000', name: '仁和区', level: 'county' },
  { code: '510402002000', parentCode: '510402000000', name: '炳草岗街道', level: 'town' },
  { code: '510402002005', parentCode: '510402002000', name: '湖光社区', level: 'village' },
  { code: '510402002009', parentCode: '510402002000', name: '炳草岗社区', level: 'village' },
  { code: '510403001000', parentCode: '510403000000', name: '清香坪街道', level: 'town' },
  { code: '510403001008', parentCode: '510403001000', name: '金沙社区', level: 'village' },
  { code: '510411100000', parentCode: '510411000000', name: '仁和镇', level: 'town' },
  { code: '510403100000', parentCode: '510403000000', name: '格里坪镇', level: 'town' },
  { code: '510403100201', parentCode: '510403100000', name: '格里坪', level: 'village' },
  { code: '510411204000', parentCode: '510411000000', name: '大龙潭彝族乡', level: 'town' },
  { code: '510411204201', parentCode: '510411204000', name: '干坝子社区', level: 'village' },
];
const read = (t: string) => readAddressDivision(t, D)?.name ?? null;

describe('readAddressDivision', () => {
  it('reads the finest division named consistently, in full or by its stem', () => {
    expect(read('东区炳草岗湖光金沙苑小区')).toBe('湖光社区');
    expect(read('仁和区大龙潭彝族乡干坝子社区4组')).toBe('干坝子社区');
    expect(read('大龙潭干坝子4组')).toBe('干坝子社区');
    expect(read('西区清香坪街道金沙社区机场大道169号')).toBe('金沙社区');
  });

  it('does not trust a village stem alone, nor a county name as a town stem', () => {
    // 金沙 is part of the compound's name here, not 西区's 金沙社区.
    expect(read('湖光金沙苑小区')).toBeNull();
    expect(read('仁和区')).toBe('仁和区');
    expect(read('仁和镇')).toBe('仁和镇');
    expect(read('东区炳草岗街道')).toBe('炳草岗街道');
    // A village whose whole name is inside its town's name.
    expect(read('西区格里坪镇')).toBe('格里坪镇');
    expect(read('西区格里坪镇格里坪3组')).toBe('格里坪');
    expect(read('随便写的地址')).toBeNull();
  });
});
