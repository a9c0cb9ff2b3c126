/**
 * The content of an issued monthly report (月度数据报告), frozen into `monthly_reports.data` when it
 * is issued: every figure, name and list exactly as printed, so a past report never changes when
 * the data or the definitions move on. Pure types; `schema` versions the shape.
 */
export interface ReportFigure {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface ReportIndicator extends ReportFigure {
  id: string;
  name: string;
  unit: 'count' | 'percent' | 'days';
  better: 'up' | 'down' | 'neutral';
  /** The written definition (numerator; denominator for rates) as it stood at issue. */
  definition: string;
  previous: ReportFigure;
  change: { absolute: number; relative: number | null } | null;
}

export interface ReportSubArea {
  code: string;
  name: string;
  volume: number;
  share: number | null;
  onTime: number | null;
  satisfaction: number | null;
  overdue: number;
}

export interface ReportCategory {
  rank: number;
  code: string;
  name: string;
  color: string;
  count: number;
  share: number;
  previousCount: number;
  change: { absolute: number; relative: number | null } | null;
}

export interface ReportOffice {
  rank: number;
  name: string;
  tier: string;
  volume: number;
  resolved: number;
  onTimeRate: number | null;
  firstReplyRate: number | null;
  satisfactionRate: number | null;
  avgHandlingDays: number | null;
  overdue: number;
  lettersIssued: number;
}

export interface ReportAssessed {
  rank: number | null;
  name: string;
  tier: string;
  cases: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
}

export interface ReportHotCell {
  /** Rank among the hot cells, 1 = strongest. */
  rank: number;
  count: number;
  z: number;
  bin: number;
  /** The child area holding the cell's centre, when known. */
  area: string | null;
}

export interface MonthlyReportData {
  schema: 1;
  locale: string;
  area: { code: string; name: string; level: string };
  /** 'YYYY-MM' */
  month: string;
  period: { from: string; to: string };
  previous: { from: string; to: string };
  /** The instant the figures were computed at (deadline states as of then). */
  asOf: string;
  indicators: ReportIndicator[];
  trend: {
    months: string[];
    volume: (number | null)[];
    onTime: (number | null)[];
    satisfaction: (number | null)[];
  };
  subAreas: ReportSubArea[];
  categories: ReportCategory[];
  /** Largest rises on the previous month (only rises). */
  rises: ReportCategory[];
  offices: ReportOffice[];
  overdue: {
    total: number;
    cases: {
      trackingCode: string;
      title: string;
      category: string | null;
      office: string | null;
      resolveDueAt: string;
      overdueDays: number;
      letters: number;
    }[];
  };
  letters: {
    issued: number;
    answered: number;
    list: {
      code: string;
      office: string;
      trackingCode: string | null;
      issuedAt: string;
      dueAt: string;
      answeredAt: string | null;
    }[];
  };
  assessment: {
    weights: { response: number; resolution: number; satisfaction: number };
    minCases: number;
    ranked: ReportAssessed[];
    red: ReportAssessed[];
    black: ReportAssessed[];
  };
  hotspots: {
    cellSize: number;
    /** Cells analysed and hot cells (Gi* bins +1…+3, FDR-corrected). */
    cells: number;
    hot: number;
    top: ReportHotCell[];
    /** The printed map (SVG paths in EPSG:4543 metres), or null when the area has no outline. */
    map: {
      viewBox: string;
      outline: string;
      children: { code: string; name: string; path: string; x: number; y: number }[];
      cells: { path: string; bin: number }[];
    } | null;
  };
  /** Emerging hot-spot patterns over the 12 months ending with the report month, or null when not computable. */
  emerging: { patternCounts: Record<string, number>; months: number } | null;
  /** 推诿扯皮: returns and transfers of the month (absent in reports issued before it was added). */
  buckPassing?: ReportBuckPassing;
}

export interface ReportBuckPassing {
  /** Bounces over receptions in the area (offices' reference rate); the share of cases bounced (combinations'). */
  baseRate: number;
  baseCaseRate: number;
  /** Significance threshold (BH q-value) and minimum volume used. */
  q: number;
  minVolume: number;
  /** Cases returned or transferred twice or more in the month. */
  bouncingTotal: number;
  cases: { trackingCode: string; title: string; bounces: number; path: string; lastReason: string | null }[];
  pairs: { a: string; b: string; aToB: number; bToA: number; backAndForth: boolean }[];
  offices: { name: string; received: number; bounced: number; rate: number; q: number }[];
  combos: {
    /** The level-1 category's code (absent in reports issued before it was stored) and its name in the issuing language. */
    categoryCode?: string;
    category: string;
    town: string;
    cases: number;
    bouncedCases: number;
    rate: number;
    q: number;
  }[];
}
