/**
 * The two-level category taxonomy (诉求分类), urgency grades (分级) and deadline policies (办理时限).
 * Level-1 codes are two letters (ZJ 住建 …); level-2 codes append two digits (ZJ01 …).
 * `tier` on a level-2 category is the tier that handles it by default (triage's first guess).
 */
export type Tier = 'county' | 'town' | 'village';

export interface SubCategory {
  code: string;
  zh: string;
  en: string;
  tier: Tier;
}

export interface TopCategory {
  code: string;
  zh: string;
  en: string;
  color: string;
  /** Relative share of complaints (base rate before planted patterns). */
  weight: number;
  children: SubCategory[];
}

const sub = (code: string, zh: string, en: string, tier: Tier): SubCategory => ({ code, zh, en, tier });

export const CATEGORIES: TopCategory[] = [
  {
    code: 'ZJ',
    zh: '住建',
    en: 'Housing and construction',
    color: '#8c6d1f',
    weight: 9,
    children: [
      sub('ZJ01', '房屋安全', 'Housing safety', 'county'),
      sub('ZJ02', '老旧小区改造', 'Old compound renovation', 'town'),
      sub('ZJ03', '电梯加装与补贴', 'Lift retrofit and subsidy', 'county'),
      sub('ZJ04', '违章建筑', 'Illegal construction', 'town'),
      sub('ZJ05', '建筑施工扰民', 'Construction disturbance', 'county'),
      sub('ZJ06', '房产开发与产权', 'Property development and titles', 'county'),
      sub('ZJ07', '征地拆迁', 'Land acquisition and demolition', 'county'),
      sub('ZJ08', '住房公积金', 'Housing provident fund', 'county'),
    ],
  },
  {
    code: 'SL',
    zh: '水利',
    en: 'Water resources',
    color: '#1677ff',
    weight: 5,
    children: [
      sub('SL01', '饮水安全', 'Drinking water supply', 'town'),
      sub('SL02', '农田灌溉', 'Irrigation', 'town'),
      sub('SL03', '河道与防汛', 'Rivers and flood control', 'county'),
      sub('SL04', '水利设施维修', 'Water facility repair', 'village'),
    ],
  },
  {
    code: 'WJ',
    zh: '卫健',
    en: 'Health',
    color: '#eb2f96',
    weight: 6,
    children: [
      sub('WJ01', '药品价格', 'Drug prices', 'county'),
      sub('WJ02', '就医环境', 'Clinic conditions', 'county'),
      sub('WJ03', '医疗设备', 'Medical equipment', 'county'),
      sub('WJ04', '医疗服务态度', 'Staff conduct', 'county'),
      sub('WJ05', '公共卫生', 'Public health', 'town'),
      sub('WJ06', '计划生育与妇幼', 'Family planning and maternal and child health', 'county'),
    ],
  },
  {
    code: 'WY',
    zh: '物业',
    en: 'Property management',
    color: '#fa8c16',
    weight: 12,
    children: [
      sub('WY01', '物业服务质量', 'Service quality', 'village'),
      sub('WY02', '物业收费', 'Service fees', 'town'),
      sub('WY03', '公共维修资金', 'Maintenance fund', 'county'),
      sub('WY04', '停车管理', 'Parking', 'village'),
      sub('WY05', '小区环境卫生', 'Compound cleanliness', 'village'),
    ],
  },
  {
    code: 'AQ',
    zh: '安全',
    en: 'Safety',
    color: '#f5222d',
    weight: 5,
    children: [
      sub('AQ01', '消防隐患', 'Fire hazards', 'town'),
      sub('AQ02', '燃气安全', 'Gas safety', 'county'),
      sub('AQ03', '地质灾害隐患', 'Geological hazards', 'county'),
      sub('AQ04', '危险路段与设施', 'Dangerous spots', 'town'),
    ],
  },
  {
    code: 'SC',
    zh: '市场监管',
    en: 'Market regulation',
    color: '#722ed1',
    weight: 6,
    children: [
      sub('SC01', '食品安全', 'Food safety', 'county'),
      sub('SC02', '价格违法', 'Price violations', 'county'),
      sub('SC03', '商品质量', 'Product quality', 'county'),
      sub('SC04', '无证经营', 'Unlicensed business', 'town'),
      sub('SC05', '旅游市场', 'Tourism market', 'county'),
      sub('SC06', '消费维权', 'Consumer disputes', 'county'),
      sub('SC07', '传销与非法集资', 'Pyramid selling and illegal fundraising', 'county'),
    ],
  },
  {
    code: 'SD',
    zh: '用水用电',
    en: 'Water and power supply',
    color: '#13c2c2',
    weight: 10,
    children: [
      sub('SD01', '停水', 'Water outage', 'town'),
      sub('SD02', '停电', 'Power outage', 'town'),
      sub('SD03', '水压不足', 'Low water pressure', 'village'),
      sub('SD04', '水电费用', 'Utility bills', 'county'),
      sub('SD05', '线路管网老化', 'Ageing lines and pipes', 'village'),
    ],
  },
  {
    code: 'JT',
    zh: '交通',
    en: 'Transport',
    color: '#2f54eb',
    weight: 8,
    children: [
      sub('JT01', '道路破损', 'Road damage', 'county'),
      sub('JT02', '公交线路', 'Bus services', 'county'),
      sub('JT03', '交通设施', 'Traffic facilities', 'town'),
      sub('JT04', '农村公路', 'Rural roads', 'town'),
      sub('JT05', '出租车与网约车', 'Taxis and ride-hailing', 'county'),
      sub('JT06', '驾驶培训与车驾管', 'Driving schools and licensing', 'county'),
    ],
  },
  {
    code: 'HB',
    zh: '环保',
    en: 'Environment',
    color: '#52c41a',
    weight: 8,
    children: [
      sub('HB01', '噪声扰民', 'Noise', 'town'),
      sub('HB02', '大气污染', 'Air pollution', 'county'),
      sub('HB03', '水体污染', 'Water pollution', 'county'),
      sub('HB04', '垃圾清运', 'Waste collection', 'village'),
      sub('HB05', '辐射污染', 'Radiation', 'county'),
    ],
  },
  {
    code: 'JY',
    zh: '教育',
    en: 'Education',
    color: '#a0d911',
    weight: 4,
    children: [
      sub('JY01', '入学招生', 'Admissions', 'county'),
      sub('JY02', '教育收费', 'School fees', 'county'),
      sub('JY03', '校园安全', 'Campus safety', 'county'),
      sub('JY04', '校外培训', 'Private tutoring', 'county'),
      sub('JY05', '文化体育', 'Culture and sports', 'county'),
      sub('JY06', '助学与资助', 'Student financial aid', 'county'),
    ],
  },
  {
    code: 'MZ',
    zh: '民政社保',
    en: 'Civil affairs and social security',
    color: '#fadb14',
    weight: 7,
    children: [
      sub('MZ01', '低保与救助', 'Subsistence allowance', 'town'),
      sub('MZ02', '养老服务', 'Elderly care', 'county'),
      sub('MZ03', '社保医保', 'Social and medical insurance', 'county'),
      sub('MZ04', '残疾人帮扶', 'Disability support', 'town'),
      sub('MZ05', '就业与欠薪', 'Employment and unpaid wages', 'county'),
      sub('MZ06', '人事考试与招聘', 'Public recruitment and examinations', 'county'),
    ],
  },
  {
    code: 'CG',
    zh: '城管',
    en: 'Urban management',
    color: '#597ef7',
    weight: 7,
    children: [
      sub('CG01', '占道经营', 'Street vending', 'town'),
      sub('CG02', '市容环境', 'Streetscape', 'village'),
      sub('CG03', '违规停车', 'Illegal parking', 'town'),
      sub('CG04', '户外广告', 'Outdoor advertising', 'county'),
    ],
  },
  {
    code: 'NY',
    zh: '农业农村',
    en: 'Agriculture and rural affairs',
    color: '#7cb305',
    weight: 5,
    children: [
      sub('NY01', '惠农补贴', 'Farm subsidies', 'town'),
      sub('NY02', '土地流转', 'Land transfer', 'town'),
      sub('NY03', '农村人居环境', 'Rural living environment', 'village'),
      sub('NY04', '动物疫病防控', 'Animal disease control', 'county'),
    ],
  },
  {
    code: 'QT',
    zh: '其他',
    en: 'Other',
    color: '#8c8c8c',
    weight: 3,
    children: [
      sub('QT01', '咨询建议', 'Enquiries and suggestions', 'village'),
      sub('QT02', '表扬感谢', 'Praise', 'village'),
      sub('QT03', '其他问题', 'Other problems', 'town'),
    ],
  },
  {
    code: 'JJ',
    zh: '纪检监察',
    en: 'Discipline and supervision',
    color: '#820014',
    weight: 0,
    children: [
      sub('JJ01', '作风问题', 'Work-style problems', 'town'),
      sub('JJ02', '吃拿卡要', 'Bribery and extortion', 'county'),
      sub('JJ03', '优亲厚友', 'Favouritism', 'town'),
      sub('JJ04', '侵占惠民资金', 'Misappropriated benefit funds', 'county'),
    ],
  },
];

/** Level-1 code of misconduct reports (违纪违法线索): routed to a 纪委 office only. */
export const MISCONDUCT_CATEGORY = 'JJ';

export const URGENCY_GRADES = [
  { code: 'extra_urgent', zh: '特急', en: 'Extra urgent', rank: 1, color: '#cf1322' },
  { code: 'urgent', zh: '紧急', en: 'Urgent', rank: 2, color: '#fa541c' },
  { code: 'normal', zh: '一般', en: 'Normal', rank: 3, color: '#1677ff' },
] as const;

export type UrgencyCode = (typeof URGENCY_GRADES)[number]['code'];

export interface DeadlinePolicy {
  categoryCode: string | null;
  tier: Tier | null;
  urgencyCode: UrgencyCode | null;
  dispatchHours: number;
  firstReplyDays: number;
  resolveDays: number;
  workingDays: boolean;
  note: string;
}

const policy = (
  categoryCode: string | null,
  tier: Tier | null,
  urgencyCode: UrgencyCode | null,
  dispatchHours: number,
  firstReplyDays: number,
  resolveDays: number,
  note: string,
  workingDays = true,
): DeadlinePolicy => ({
  categoryCode,
  tier,
  urgencyCode,
  dispatchHours,
  firstReplyDays,
  resolveDays,
  workingDays,
  note,
});

/**
 * Matching (see README "Deadline policies"): among rows whose non-null fields all match, the one
 * with the highest score wins: urgency 8, level-2 category 4 (level-1 category 2), tier 1.
 */
export const DEADLINE_POLICIES: DeadlinePolicy[] = [
  policy(null, null, null, 24, 5, 15, '默认：当日转办、5日首复、15个工作日办结'),
  policy(null, 'village', null, 24, 5, 10, '村(社区)级：10个工作日办结'),
  policy(null, 'town', null, 24, 5, 15, '镇(街道)级：15个工作日办结'),
  policy(null, 'county', null, 24, 5, 20, '区(县)级部门：20个工作日办结'),
  policy(null, null, 'urgent', 4, 2, 7, '紧急：4小时内转办、2个工作日首复、7个工作日办结'),
  policy(null, null, 'extra_urgent', 2, 1, 1, '特急：2小时内转办、24小时内办结', false),
  policy('SL', null, 'urgent', 4, 1, 10, '水利紧急（如饮水短缺）：1个工作日首复、10个工作日办结'),
  policy('ZJ', 'county', null, 24, 5, 30, '住建类区(县)级：涉及工程与资金，30个工作日办结'),
  policy('WY', null, null, 24, 5, 15, '物业纠纷：15个工作日办结'),
  policy('JY', null, null, 24, 5, 10, '教育类：10个工作日办结'),
  policy('JJ', null, null, 24, 5, 30, '违纪违法线索：纪委受理后30个工作日内核查'),
  policy('SD01', null, null, 8, 1, 3, '停水：8小时内转办、次日首复、3个工作日恢复'),
  policy('SD02', null, null, 8, 1, 3, '停电：8小时内转办、次日首复、3个工作日恢复'),
  policy('ZJ08', null, null, 24, 3, 10, '住房公积金：缴存、提取、贷款，3个工作日首复、10个工作日办结'),
  policy('JT06', null, null, 24, 5, 15, '驾培与车驾管：驾校退费、约考、证照，15个工作日办结'),
  policy('SC06', null, null, 24, 7, 30, '消费投诉：7个工作日内告知是否受理，30个工作日内调解办结'),
  policy('SC07', null, null, 24, 3, 30, '传销、非法集资线索：3个工作日首复，30个工作日内核查'),
  policy('HB05', null, null, 24, 5, 15, '辐射污染（基站、变电站、放射源）：监测后15个工作日办结'),
  policy('MZ06', null, null, 24, 2, 10, '人事考试与招聘：涉及考录时限，2个工作日首复、10个工作日办结'),
];

/** Score of a policy row for a complaint, or -1 when it does not match. */
export function policyScore(
  p: Pick<DeadlinePolicy, 'categoryCode' | 'tier' | 'urgencyCode'>,
  categoryCode: string,
  tier: Tier,
  urgencyCode: string,
): number {
  let score = 0;
  if (p.urgencyCode !== null) {
    if (p.urgencyCode !== urgencyCode) return -1;
    score += 8;
  }
  if (p.categoryCode !== null) {
    if (p.categoryCode === categoryCode) score += p.categoryCode.length > 2 ? 4 : 2;
    else if (p.categoryCode.length === 2 && categoryCode.startsWith(p.categoryCode)) score += 2;
    else return -1;
  }
  if (p.tier !== null) {
    if (p.tier !== tier) return -1;
    score += 1;
  }
  return score;
}
