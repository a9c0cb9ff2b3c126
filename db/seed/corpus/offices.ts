/**
 * The offices of each tier and the level-1 categories each handles.
 * Codes: `<divisionCode>-<SUFFIX>` (see README "Code conventions").
 */
export interface DepartmentSpec {
  suffix: string;
  /** Name after the county name, e.g. 东区 + 住房和城乡建设局. */
  name: string;
  /** Level-1 categories this department is first-responsible for at county tier. */
  categories: string[];
}

/** County-tier departments (区/县政府组成部门). */
export const COUNTY_DEPARTMENTS: DepartmentSpec[] = [
  { suffix: 'ZJJ', name: '住房和城乡建设局', categories: ['ZJ', 'WY', 'SD'] },
  { suffix: 'SLJ', name: '水利局', categories: ['SL'] },
  { suffix: 'WJJ', name: '卫生健康局', categories: ['WJ'] },
  { suffix: 'SCJ', name: '市场监督管理局', categories: ['SC'] },
  { suffix: 'CZJ', name: '财政局', categories: [] },
  { suffix: 'FGJ', name: '发展和改革局', categories: [] },
  { suffix: 'JYJ', name: '教育和体育局', categories: ['JY'] },
  { suffix: 'MZJ', name: '民政局', categories: ['MZ'] },
  { suffix: 'RSJ', name: '人力资源和社会保障局', categories: [] },
  { suffix: 'ZFJ', name: '综合行政执法局', categories: ['CG'] },
  { suffix: 'NYJ', name: '农业农村局', categories: ['NY'] },
  { suffix: 'YJJ', name: '应急管理局', categories: ['AQ'] },
  { suffix: 'STJ', name: '生态环境局', categories: ['HB'] },
  { suffix: 'JTJ', name: '交通运输局', categories: ['JT'] },
  { suffix: 'GJJ', name: '住房公积金管理中心', categories: [] },
];

/** Level-1 categories that go to the county government itself (fallback, 其他). */
export const COUNTY_GOVERNMENT_CATEGORIES = ['QT'];

/** Town and village offices handle every level-1 category but JJ; JJ goes to the 纪委 only. */
export const DISCIPLINE_CATEGORIES = ['JJ'];

/** Level-2 categories whose county-tier first-responsible department differs from their level 1. */
export const COUNTY_L2_OVERRIDES: Record<string, string> = {
  MZ03: 'RSJ',
  MZ05: 'RSJ',
  MZ06: 'RSJ',
  ZJ08: 'GJJ',
  SD02: 'FGJ',
};

/** Co-handling departments (协办) by level-2 or level-1 category, at county tier. */
export const COUNTY_CO_HANDLERS: Record<string, string[]> = {
  SL01: ['SLJ', 'CZJ'],
  WJ01: ['SCJ', 'FGJ'],
  WJ03: ['CZJ'],
  ZJ03: ['CZJ'],
  SD02: ['ZJJ'],
  // Water bills are the 住建局's (water supply); electricity prices and billing disputes the 发改局's.
  SD04: ['FGJ'],
  MZ05: ['MZJ'],
  SC02: ['FGJ'],
  NY01: ['CZJ'],
  JY06: ['CZJ'],
};
