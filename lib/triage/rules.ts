/**
 * 诉求分级研判 rules: keyword → urgency grade and/or category, each with a name that the reason
 * quotes ("“没有水喝”命中“饮水安全”规则"). Declared as data (the seed loads these defaults into
 * `triage_rules`, which admins edit). A rule fires only on a mention about the present situation and
 * in its context (rule-match.ts): not when negated ("并没有起火"), hypothetical ("一旦发生火灾"),
 * past ("2008年垮塌过"), without one of `requires` or with one of `excludes` ("乱收费" at a school).
 * The most urgent firing rule sets the urgency; the longest keyword of a firing category rule sets the
 * category when the reporter chose none, before the learned classifier. Each rule's precision and
 * firing rate on the labelled corpus: `npm run triage:eval -- file.csv` (keyword rules section).
 * A rule decides a category only where its precision on the team corpus was at least 70 %; rules below
 * that (噪声扰民, 垃圾清运, 物业收费, 物业服务, 道路破损, 占道经营 at 25–67 %) were removed, and 房屋安全 and
 * 地质灾害 (35 %, 63 %) only raise urgency: the classifier tells those categories better.
 */
export type UrgencyCode = 'extra_urgent' | 'urgent' | 'normal';

export interface TriageRule {
  id: string;
  /** Shown in the reason. */
  name: string;
  keywords: readonly string[];
  urgencyCode?: Exclude<UrgencyCode, 'normal'>;
  categoryCode?: string;
  /** The text must also mention one of these (context), when given. */
  requires?: readonly string[];
  /** The rule does not apply when the text mentions one of these. */
  excludes?: readonly string[];
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
    keywords: [
      '没有水喝',
      '没水喝',
      '没得水喝',
      '吃水困难',
      '喝不上水',
      '饮水困难',
      '生活用水严重短缺',
      // How residents write it: "三天没有饮用水了", "只能去山下挑水吃".
      '没有饮用水',
      '没得饮用水',
      '没饮用水',
      '挑水吃',
      '挑水喝',
    ],
    urgencyCode: 'urgent',
    categoryCode: 'SL01',
  },
  {
    id: 'gas-leak',
    name: '燃气泄漏',
    keywords: [
      '燃气泄漏',
      '煤气泄漏',
      '天然气泄漏',
      '闻到煤气',
      '闻到燃气',
      '煤气味',
      '燃气味',
      // How residents write it: "楼道里一股天然气味道", "怕是哪里漏气了".
      '天然气味',
      '液化气味',
      '漏气了',
    ],
    urgencyCode: 'extra_urgent',
    categoryCode: 'AQ02',
    // A tyre or a ball that lost its air is no gas leak.
    excludes: ['轮胎', '车胎', '气球', '打气'],
  },
  {
    id: 'fire',
    name: '火情',
    keywords: ['着火了', '起火了', '失火', '烧起来了', '正在燃烧'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'AQ01',
    // An engine that will not start ("车子打不着火了") is no fire.
    excludes: ['打不着火', '点不着火', '打着火了', '打不燃火'],
  },
  {
    id: 'collapse',
    name: '垮塌',
    keywords: ['垮塌', '坍塌', '倒塌', '塌了'],
    urgencyCode: 'extra_urgent',
  },
  {
    id: 'geo-hazard',
    name: '地质灾害',
    keywords: ['塌方', '滑坡', '泥石流', '山体垮塌', '落石', '山石滚落'],
    urgencyCode: 'extra_urgent',
  },
  {
    id: 'life-danger',
    name: '人身安全',
    keywords: ['生命危险', '有人受伤', '被困', '砸伤', '摔成重伤'],
    urgencyCode: 'extra_urgent',
  },
  {
    id: 'food-poisoning',
    name: '食物中毒',
    keywords: ['食物中毒', '集体腹泻', '吃了上吐下泻'],
    urgencyCode: 'extra_urgent',
    categoryCode: 'SC01',
  },
  {
    id: 'unsafe-house',
    name: '房屋安全',
    keywords: ['危房', '墙体开裂', '裂缝越来越大', '承重墙'],
    urgencyCode: 'urgent',
  },
  {
    id: 'water-outage',
    name: '停水',
    keywords: ['停水', '断水', '没有正常供水', '自来水断断续续'],
    urgencyCode: 'urgent',
    categoryCode: 'SD01',
    excludes: ['水库', '灌溉', '庄稼', '水窖', '蓄水池'],
  },
  {
    id: 'power-outage',
    name: '停电',
    keywords: ['停电', '断电'],
    urgencyCode: 'urgent',
    categoryCode: 'SD02',
    excludes: ['电费', '欠费'],
  },
  {
    id: 'unpaid-wages',
    name: '欠薪',
    keywords: ['欠薪', '拖欠工资', '工资没发', '讨薪', '工钱没给'],
    urgencyCode: 'urgent',
    categoryCode: 'MZ05',
  },
  {
    id: 'drug-prices',
    name: '药品价格',
    keywords: ['药价', '药费太贵', '药比外面贵', '药品价格'],
    categoryCode: 'WJ01',
  },
  { id: 'lift-subsidy', name: '电梯补贴', keywords: ['电梯改造补贴', '加装电梯'], categoryCode: 'ZJ03' },
  {
    id: 'extortion',
    name: '吃拿卡要',
    keywords: ['吃拿卡要', '索要好处', '收红包', '索贿'],
    categoryCode: 'JJ02',
    // A doctor's red envelope is the health commission's (医德医风), not discipline inspection's.
    excludes: ['医生', '护士', '主刀', '手术', '住院'],
  },
];
