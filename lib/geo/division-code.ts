/**
 * China's 12-digit statistical division codes nest by prefix: city 4 digits (5104), county 6
 * (510403), town 9 (510403001), village 12 (510403001002), zero-padded to 12.
 */
export type DivisionLevel = 'city' | 'county' | 'town' | 'village';

export const DIVISION_PREFIX: Record<DivisionLevel, number> = { city: 4, county: 6, town: 9, village: 12 };

/** Whether `code` is the division `ancestor` (of `ancestorLevel`) or lies inside it. */
export function isWithinDivision(code: string, ancestor: string, ancestorLevel: DivisionLevel): boolean {
  if (!/^\d{12}$/.test(code) || !/^\d{12}$/.test(ancestor)) return false;
  const n = DIVISION_PREFIX[ancestorLevel];
  return code.slice(0, n) === ancestor.slice(0, n);
}

/** The level of a 12-digit code from its zero padding. */
export function divisionLevelOf(code: string): DivisionLevel {
  if (code.endsWith('00000000')) return 'city';
  if (code.endsWith('000000')) return 'county';
  if (code.endsWith('000')) return 'town';
  return 'village';
}

/** The code prefix shared by everything inside `code`. */
export function divisionPrefix(code: string): string {
  return code.slice(0, DIVISION_PREFIX[divisionLevelOf(code)]);
}
