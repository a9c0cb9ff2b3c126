/**
 * The one written definition of every statistic Suqiu shows (dashboard cards, rankings, trend lines,
 * the assessment, the monthly report, Excel exports). Pure: the SQL in `db/queries/stats.ts` mirrors
 * these words condition for condition, and `lib/stats/*.db.test.ts` check them on hand-built cases.
 *
 * Rules that hold for every indicator:
 * - Population: complaints (`complaints.kind = 'complaint'`) inside the chosen area (a city, county,
 *   town or village, by the complaint's denormalised county/town/village code) and inside the
 *   viewer's jurisdiction (`lib/auth/policy.ts`). Misconduct reports (`kind = 'misconduct'`) are
 *   excluded from every statistic, for every role, so that no figure reveals them.
 * - Periods are whole days in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving): a
 *   period `from`–`to` runs from 00:00 CST of `from` to 24:00 CST of `to`. A case received at 23:30
 *   CST on 31 January belongs to January even though it is 15:30 UTC.
 * - Each indicator names the date that places a case in a period. Figures are read from the case's
 *   current record: when a case is reopened its resolution time is cleared and set again when it is
 *   resolved anew, and escalation or reopening sets new reply and resolve deadlines
 *   (lib/workflow/transition.server.ts), so a reopened case counts at its latest resolution, against
 *   the deadline in force then.
 * - "Open" means a status in OPEN_STATUSES (not resolved, closed, merged or rejected).
 * - Rates are numerator ÷ denominator in percent; with an empty denominator the rate is "no data"
 *   (never 0 % or 100 %). Every rate can be drilled down to the cases of its numerator and denominator.
 * - Previous period: for whole calendar months the same number of calendar months just before;
 *   otherwise the same number of days just before. Change: rates in percentage points, counts and
 *   durations in percent of the previous value.
 */

export type IndicatorId =
  | 'volume'
  | 'resolved'
  | 'satisfaction'
  | 'on_time'
  | 'same_day_dispatch'
  | 'first_reply'
  | 'handling_avg'
  | 'handling_median'
  | 'return_rate'
  | 'reopen_rate'
  | 'spot_check_pass'
  | 'overdue'
  | 'no_deadline'
  | 'letters_issued'
  | 'letters_answered';

export type IndicatorUnit = 'count' | 'percent' | 'days';
/** Which way is better: up (more is better), down (less is better), neutral (volume). */
export type Better = 'up' | 'down' | 'neutral';

export interface Localized {
  zh: string;
  en: string;
}

export interface IndicatorDefinition {
  id: IndicatorId;
  name: Localized;
  unit: IndicatorUnit;
  better: Better;
  /** What is counted (for counts and durations: the cases measured). */
  numerator: Localized;
  /** What it is divided by (rates only). */
  denominator: Localized | null;
  /** How reopened, merged, returned, escalated and rejected cases count. */
  cases: Localized;
  /** Whether the drill-down has a numerator and a denominator list, or one list. */
  parts: readonly ('numerator' | 'denominator')[];
}

/** Statuses of a case still being handled. */
export const OPEN_STATUSES = [
  'received',
  'triaged',
  'dispatched',
  'accepted',
  'in_progress',
  'reopened',
  'returned',
  'transferred',
  'escalated',
] as const;

/** Rating levels that count as satisfied (满意 and 基本满意). */
export const SATISFIED_LEVELS = ['satisfied', 'basically_satisfied'] as const;

const RATE_PARTS = ['numerator', 'denominator'] as const;
const ONE_PART = ['numerator'] as const;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'volume',
    name: { zh: '受理量', en: 'Complaints received' },
    unit: 'count',
    better: 'neutral',
    numerator: {
      zh: '提交时间（submitted_at）在本期内的诉求件数，不论当前状态。',
      en: 'Complaints whose submission time (submitted_at) falls in the period, whatever their status now.',
    },
    denominator: null,
    cases: {
      zh: '被合并、被驳回的诉求也计入（每件都是一位群众的一次诉求）；重办、回退、提级不重复计数。',
      en: 'Merged and rejected complaints count too (each is one resident’s request); reopening, returns and escalation never count a case twice.',
    },
    parts: ONE_PART,
  },
  {
    id: 'resolved',
    name: { zh: '办结量', en: 'Cases resolved' },
    unit: 'count',
    better: 'up',
    numerator: {
      zh: '最近一次办结时间（resolved_at）在本期内、当前为已办结或已关闭的诉求件数。',
      en: 'Cases whose latest resolution time (resolved_at) falls in the period (status resolved or closed now).',
    },
    denominator: null,
    cases: {
      zh: '重办件按最近一次办结计入一次；被合并、被驳回件不算办结。',
      en: 'A reopened case counts once, at its latest resolution; merged and rejected cases are not resolutions.',
    },
    parts: ONE_PART,
  },
  {
    id: 'satisfaction',
    name: { zh: '满意率', en: 'Satisfaction rate' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '评价时间在本期内、评价为“满意”或“基本满意”的评价条数。',
      en: 'Ratings given in the period that are “satisfied” or “basically satisfied”.',
    },
    denominator: {
      zh: '评价时间在本期内的全部评价条数（未评价的诉求不计入）。',
      en: 'All ratings given in the period (cases without a rating are left out).',
    },
    cases: {
      zh: '每条评价计一次：重办后再次评价的诉求，两轮评价各计一次。',
      en: 'Each rating counts once: a case rated again after being reopened contributes both ratings.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'on_time',
    name: { zh: '按时办结率', en: 'On-time resolution rate' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '本期内办结、且办结时间不晚于办结时限（resolve_due_at）的件数。',
      en: 'Cases resolved in the period no later than their resolve deadline (resolve_due_at).',
    },
    denominator: {
      zh: '本期内办结、有办结时限的件数，加上办结时限落在本期内且已过、至今仍未办结的在办件。没有办结时限的件（如原系统未定时限的历史导入件）不计入，单列为“无时限”。',
      en: 'Cases resolved in the period that had a resolve deadline, plus open cases whose resolve deadline fell in the period and has passed. Cases without a resolve deadline (such as imported history whose source set none) are left out and counted apart as “no deadline”.',
    },
    cases: {
      zh: '重办件按最近一次办结、对照重办时重新计算的时限；提级件对照提级时重新计算的时限；被合并、被驳回件不计入。',
      en: 'A reopened case counts at its latest resolution against the deadline set when it was reopened; an escalated case against the deadline set at escalation; merged and rejected cases are left out.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'same_day_dispatch',
    name: { zh: '当日转办率', en: 'Same-day dispatch rate' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '本期内提交、首次转办时间不晚于转办时限（dispatch_due_at：一般24小时，紧急4小时，特急2小时）的件数。',
      en: 'Complaints submitted in the period first dispatched within the dispatch limit (dispatch_due_at: 24 h, 4 h if urgent, 2 h if critical).',
    },
    denominator: {
      zh: '本期内提交、已转办的件数，加上转办时限已过仍未转办的件数。',
      en: 'Complaints submitted in the period that were dispatched, plus those still undispatched past the dispatch limit.',
    },
    cases: {
      zh: '以首次转办计（回退后重新派单不算首次转办）；转办前被合并或驳回的不计入。',
      en: 'The first dispatch counts (re-dispatch after a return does not); complaints merged or rejected before dispatch are left out.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'first_reply',
    name: { zh: '首复及时率', en: 'First reply on time' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '首次答复时间在本期内、且不晚于首复时限（first_reply_due_at，一般5个工作日）的件数。',
      en: 'Cases first replied to in the period no later than the first-reply deadline (first_reply_due_at, 5 working days by default).',
    },
    denominator: {
      zh: '首次答复时间在本期内的件数，加上首复时限落在本期内且已过、至今仍未答复的在办件。',
      en: 'Cases first replied to in the period, plus open cases whose first-reply deadline fell in the period and passed without a reply.',
    },
    cases: {
      zh: '只计首次答复（重办后的答复不再计）；提级件对照提级时重新计算的首复时限；被合并、被驳回件不计入。',
      en: 'Only the first reply counts (replies after reopening do not); an escalated case against the deadline set at escalation; merged and rejected cases are left out.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'handling_avg',
    name: { zh: '平均办理时长', en: 'Average handling time' },
    unit: 'days',
    better: 'down',
    numerator: {
      zh: '本期内办结的诉求，从提交到最近一次办结的自然日数（含小时折算）的平均值。',
      en: 'Mean calendar days (hours included) from submission to latest resolution, over cases resolved in the period.',
    },
    denominator: null,
    cases: {
      zh: '重办件计到最近一次办结（群众的问题直到那时才解决）；被合并、被驳回件不计入。',
      en: 'A reopened case runs until its latest resolution (the problem was solved only then); merged and rejected cases are left out.',
    },
    parts: ONE_PART,
  },
  {
    id: 'handling_median',
    name: { zh: '办理时长中位数', en: 'Median handling time' },
    unit: 'days',
    better: 'down',
    numerator: {
      zh: '同“平均办理时长”的案件，办理天数的中位数（不受少数极长案件影响）。',
      en: 'The median of the same durations as the average handling time (not swayed by a few very long cases).',
    },
    denominator: null,
    cases: {
      zh: '同“平均办理时长”。',
      en: 'As for the average handling time.',
    },
    parts: ONE_PART,
  },
  {
    id: 'return_rate',
    name: { zh: '回退率', en: 'Return rate' },
    unit: 'percent',
    better: 'down',
    numerator: {
      zh: '本期内提交、被承办单位退单（回退）过至少一次的件数。',
      en: 'Complaints submitted in the period that an office returned at least once.',
    },
    denominator: {
      zh: '本期内提交、已转办过至少一次的件数。',
      en: 'Complaints submitted in the period that were dispatched at least once.',
    },
    cases: {
      zh: '多次回退的诉求只计一次；转办（transfer）和提级不算回退。',
      en: 'A case returned several times counts once; transfers and escalations are not returns.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'reopen_rate',
    name: { zh: '重办率', en: 'Reopen rate' },
    unit: 'percent',
    better: 'down',
    numerator: {
      zh: '本期内提交、办结后被重新打开（群众不满意或抽查不合格）过至少一次的件数。',
      en: 'Complaints submitted in the period that were reopened after resolution (resident unsatisfied or a failed spot check) at least once.',
    },
    denominator: {
      zh: '本期内提交、至少办结过一次的件数（含重办后仍在办理的）。',
      en: 'Complaints submitted in the period resolved at least once (including reopened cases being handled again).',
    },
    cases: {
      zh: '多次重办只计一次；被合并、被驳回件不计入。',
      en: 'A case reopened several times counts once; merged and rejected cases are left out.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'spot_check_pass',
    name: { zh: '抽查合格率', en: 'Spot-check pass rate' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '核查完成时间（checked_at）在本期内、结果为合格的抽查次数。',
      en: 'Spot checks completed (checked_at) in the period that passed.',
    },
    denominator: {
      zh: '核查完成时间在本期内的抽查次数（合格与不合格；待核查的不计入）。',
      en: 'Spot checks completed in the period (passed or failed; pending checks are left out).',
    },
    cases: {
      zh: '按抽查次数计；不合格的抽查会使诉求重办，重办件再次被抽查时另计一次。',
      en: 'Counted per check; a failed check reopens the case, and a later check of the reopened case counts again.',
    },
    parts: RATE_PARTS,
  },
  {
    id: 'overdue',
    name: { zh: '超期件数', en: 'Overdue cases' },
    unit: 'count',
    better: 'down',
    numerator: {
      zh: '办结时限落在本期内且已过、到期时仍未办结的件数：逾期后才办结的，和至今仍未办结的。',
      en: 'Cases whose resolve deadline fell in the period and has passed without resolution by then: resolved late, or still open.',
    },
    denominator: null,
    cases: {
      zh: '重办、提级后按新的时限判断；被合并、被驳回件不计入。',
      en: 'Reopened and escalated cases are judged against their new deadline; merged and rejected cases are left out.',
    },
    parts: ONE_PART,
  },
  {
    id: 'no_deadline',
    name: { zh: '无时限', en: 'Resolved without a deadline' },
    unit: 'count',
    better: 'neutral',
    numerator: {
      zh: '最近一次办结时间在本期内、没有办结时限（resolve_due_at 为空）的件数：多为原系统未定时限的历史导入件。这些件不计入按时办结率和超期件数。',
      en: 'Cases resolved in the period that have no resolve deadline (resolve_due_at empty): mostly imported history whose source set none. They count in neither the on-time rate nor the overdue cases.',
    },
    denominator: null,
    cases: {
      zh: '按最近一次办结计入一次；导入时带有原系统时限（target_datetime）的件按该时限计入按时办结率，不在此列。',
      en: 'Counted once, at the latest resolution; imported cases that carried their source’s deadline (target_datetime) are judged against it in the on-time rate instead.',
    },
    parts: ONE_PART,
  },
  {
    id: 'letters_issued',
    name: { zh: '督办函发出', en: 'Supervision letters issued' },
    unit: 'count',
    better: 'neutral',
    numerator: {
      zh: '发函时间在本期内、针对本区域诉求的督办函份数。',
      en: 'Supervision letters issued in the period about complaints of the area.',
    },
    denominator: null,
    cases: {
      zh: '按函计；一件诉求可收到多份督办函（上一份回复后再次督办）。',
      en: 'Counted per letter; one case may receive several (a new letter after the previous one was answered).',
    },
    parts: ONE_PART,
  },
  {
    id: 'letters_answered',
    name: { zh: '督办函回复率', en: 'Supervision letters answered' },
    unit: 'percent',
    better: 'up',
    numerator: {
      zh: '本期内发出、且承办单位已书面回复的督办函份数（按现在的状态）。',
      en: 'Letters issued in the period that the office has answered in writing (as of now).',
    },
    denominator: {
      zh: '本期内发出的督办函份数。',
      en: 'Letters issued in the period.',
    },
    cases: {
      zh: '只签收未回复的不算回复。',
      en: 'Acknowledged but unanswered letters are not answered.',
    },
    parts: RATE_PARTS,
  },
];

export const INDICATOR_IDS = INDICATORS.map((d) => d.id) as readonly IndicatorId[];

export function indicatorDefinition(id: IndicatorId): IndicatorDefinition {
  const def = INDICATORS.find((d) => d.id === id);
  if (!def) throw new Error(`No definition for indicator ${id}`);
  return def;
}

export function isIndicatorId(value: string): value is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(value);
}

/** 问题类型排名: the rows of the category ranking. */
export const CATEGORY_RANKING_DEFINITION: Localized = {
  zh: '按一级问题类型统计本期受理量（口径同“受理量”），从多到少排列；占比为该类件数除以本期受理量；未分类的诉求单列为“未分类”。',
  en: 'Complaints received in the period (as for “complaints received”) by level-1 category, most first; the share is the category’s count over the period’s total; uncategorised complaints form their own row.',
};

/** Office ranking: whose cases. */
export const OFFICE_RANKING_DEFINITION: Localized = {
  zh: '按诉求当前的首接责任单位（转办、提级、回退后现在承办的单位）汇总本区域的各项指标；各列口径同对应指标。',
  en: 'Indicators of the area grouped by each case’s current first-responsible office (the office holding it after transfers, escalations and returns); every column is defined as its indicator.',
};

// ---- 三率考核 (assessment) -----------------------------------------------------------------------

export interface AssessmentWeights {
  /** 响应率: the first-reply-on-time rate. */
  response: number;
  /** 办结率: the on-time resolution rate. */
  resolution: number;
  /** 满意率: the satisfaction rate. */
  satisfaction: number;
}

/** The documented default weights (percent, summing to 100); admins change them in `settings`. */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  response: 30,
  resolution: 35,
  satisfaction: 35,
};

/** The `settings` key holding the admins' weights. */
export const ASSESSMENT_WEIGHTS_KEY = 'assessment.weights';

/** An office needs at least this many assessed cases in the month to enter the 红黑榜. */
export const ASSESSMENT_MIN_CASES = 5;

/** How many offices each side of the 红黑榜 shows. */
export const ASSESSMENT_BOARD_SIZE = 5;

export const ASSESSMENT_DEFINITION: Localized = {
  zh:
    '三率考核：对每个首接责任单位按月计算响应率（首复及时率）、办结率（按时办结率）和满意率，口径同各指标；' +
    '综合得分 = 各率（百分数）按权重加权平均，默认权重 响应率30%、办结率35%、满意率35%，管理员可调整（各项非负、合计100）。' +
    '某率当月无数据（分母为0）时，其权重按比例分给其余有数据的率；三率均无数据的单位不评分。' +
    `考核件数取三率分母中的最大值；件数少于${ASSESSMENT_MIN_CASES}件的单位列入排名但不进入红黑榜（避免1件满分的单位排在榜首）。` +
    `红榜为得分最高的${ASSESSMENT_BOARD_SIZE}个单位，黑榜为得分最低的${ASSESSMENT_BOARD_SIZE}个单位；同分时考核件数多者在红榜靠前、在黑榜靠前。`,
  en:
    'Three-rate assessment: for each first-responsible office and month, the response rate (first reply on time), the resolution rate (on-time resolution) and the satisfaction rate, each defined as its indicator. ' +
    'Score = weighted mean of the rates (in percent); default weights response 30 %, resolution 35 %, satisfaction 35 %, editable by admins (each non-negative, summing to 100). ' +
    'A rate without data that month (empty denominator) passes its weight to the others in proportion; an office with no data in any rate gets no score. ' +
    `Assessed cases = the largest of the three denominators; offices with fewer than ${ASSESSMENT_MIN_CASES} are ranked but kept off the top/bottom lists (so an office with one perfect case does not top them). ` +
    `The red list holds the ${ASSESSMENT_BOARD_SIZE} best scores, the black list the ${ASSESSMENT_BOARD_SIZE} worst; ties go to the office with more assessed cases first.`,
};
