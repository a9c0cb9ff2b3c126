import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps same-site paths and refuses everything else', () => {
    expect(safeNextPath('/map?layer=grids')).toBe('/map?layer=grids');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login')).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/inbox', '/x'])).toBe('/inbox');
  });
});
