/**
 * 诉求分级研判 rules: keyword → urgency grade and/or category, each with a name that the reason
 * quotes ("“没有水喝”命中“饮水安全”规则"). Declared as data; order does not matter: the most urgent
 * matching rule sets the urgency, the longest matching keyword of a category rule suggests the
 * category when the reporter chose none (the learned classifier of issue 4 comes after these).
 */
export type UrgencyCode = 'extra_urgent' | 'urgent' | 'normal';

export interface TriageRule {
  id: string;
  /** Shown in the reason. */
  name: string;
  keywords: readonly string[];
  urgencyCode?: Exclude<UrgencyCode, 'normal'>;
  categoryCode?: string;
}

export const URGENCY_RANK: Record<UrgencyCode, number> = { extra_urgent: 1, urgent: 2, normal: 3 };
export const URGENCY_NAME: Record<UrgencyCode, string> = {
  extra_urgent: '特急',
  urgent: '紧急',
  normal: '一般',
};

export const TRIAGE_RULES: readonly TriageRule[] = [
  {
    id: 'drinking-water',
    name: '饮水安全',
    keywords: ['没有水喝', '没水喝', '吃水困难', '喝不上水', '饮水困难', '生活用水严重短缺'],
    urgencyCode: 'urgent',
    categoryCode: 'SL01',
  },
  {
    id: 'gas-leak',
    name: '燃气泄漏',
    keywords: ['燃气泄漏', '煤气泄漏', '天然气泄漏', '闻到煤气', '闻到燃气', '漏气'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'AQ02',
  },
  {
    id: 'fire',
    name: '火情',
    keywords: ['着火', '起火', '火灾', '冒烟'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'AQ01',
  },
  {
    id: 'collapse',
    name: '垮塌与地质灾害',
    keywords: ['垮塌', '坍塌', '倒塌', '塌方', '滑坡', '泥石流', '河堤垮'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'AQ03',
  },
  {
    id: 'life-danger',
    name: '人身安全',
    keywords: ['生命危险', '人身安全', '有人受伤', '被困'],
    urgencyCode: 'extra_urgent',
  },
  {
    id: 'food-poisoning',
    name: '食物中毒',
    keywords: ['食物中毒', '吃坏肚子', '集体腹泻'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'SC01',
  },
  {
    id: 'unsafe-house',
    name: '房屋安全',
    keywords: ['危房', '墙体开裂', '裂缝越来越大', '墙皮脱落'],
    urgencyCode: 'urgent',
    categoryCode: 'ZJ01',
  },
  {
    id: 'water-outage',
    name: '停水',
    keywords: ['停水', '断水', '没有正常供水', '自来水断断续续'],
    urgencyCode: 'urgent',
    categoryCode: 'SD01',
  },
  {
    id: 'power-outage',
    name: '停电',
    keywords: ['停电', '断电', '没电'],
    urgencyCode: 'urgent',
    categoryCode: 'SD02',
  },
  {
    id: 'unpaid-wages',
    name: '欠薪',
    keywords: ['欠薪', '拖欠工资', '工资没发', '讨薪'],
    urgencyCode: 'urgent',
    categoryCode: 'MZ05',
  },
  {
    id: 'drug-prices',
    name: '药品价格',
    keywords: ['药品贵', '药价', '药费太贵', '药比外面贵'],
    categoryCode: 'WJ01',
  },
  { id: 'noise', name: '噪声扰民', keywords: ['噪音', '噪声', '吵得睡不着'], categoryCode: 'HB01' },
  { id: 'garbage', name: '垃圾清运', keywords: ['垃圾没人清', '垃圾堆积', '垃圾清运'], categoryCode: 'HB04' },
  { id: 'property-fees', name: '物业收费', keywords: ['物业费', '乱收费'], categoryCode: 'WY02' },
  { id: 'property-service', name: '物业服务', keywords: ['物业不管', '物业公司'], categoryCode: 'WY01' },
  { id: 'lift-subsidy', name: '电梯补贴', keywords: ['电梯改造补贴', '加装电梯'], categoryCode: 'ZJ03' },
  { id: 'road-damage', name: '道路破损', keywords: ['坑洼', '路面破损', '路烂了'], categoryCode: 'JT01' },
  { id: 'street-vending', name: '占道经营', keywords: ['占道经营', '摆摊'], categoryCode: 'CG01' },
  {
    id: 'extortion',
    name: '吃拿卡要',
    keywords: ['吃拿卡要', '索要好处', '收红包', '索贿'],
    categoryCode: 'JJ02',
  },
];
