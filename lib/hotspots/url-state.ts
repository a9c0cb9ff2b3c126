/**
 * The hot-spot workspace's state in the URL (/hotspots?…), so a result is a link an inspector can
 * send: the tab, the analysis parameters, the time window's first day (fixed when the analysis is
 * run, never recomputed at render), which analyses were run with them, the selected cell or
 * cluster, and the clue open on the clue board. Pure; the request query strings built here are the TanStack Query keys
 * (lib/query/analytics.ts), so a key changes only when the analysis does.
 */

export const HOTSPOT_TABS = ['gi', 'emerging', 'clusters', 'clues'] as const;
export type HotspotTab = (typeof HOTSPOT_TABS)[number];
export type AnalysisTab = Exclude<HotspotTab, 'clues'>;

export const PERIOD_MONTHS = [3, 6, 12] as const;
export const CELL_SIZES = [500, 1000, 2000, 4000] as const;
export const EPS_METRES = [50, 100, 150, 300, 500] as const;
export const MIN_POINTS = [5, 8, 12, 20, 40] as const;

/** The analysis parameters (the form). */
export interface HotspotParams {
  division: string;
  category: string | null;
  months: number;
  cellSize: number;
  shape: 'square' | 'hexagon';
  fdr: boolean;
  eps: number;
  minPoints: number;
}

export interface HotspotState extends HotspotParams {
  tab: HotspotTab;
  /** First day of the time window, `YYYY-MM-DD` (Asia/Shanghai), fixed when the analysis was run. */
  from: string;
  /** Analyses run with these parameters: their results are shown (and fetched) again. */
  runs: AnalysisTab[];
  cell: { i: number; j: number } | null;
  cluster: number | null;
  /** The clue open on the clue board (tab `clues`). */
  clue: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` (Asia/Shanghai) `months` calendar months before `today`'s day. */
export function windowStart(today: Date, months: number): string {
  const cst = new Date(today.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - months, cst.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

function oneOf<T extends number | string>(allowed: readonly T[], v: T | undefined, fallback: T): T {
  return v !== undefined && allowed.includes(v) ? v : fallback;
}

export function defaultHotspotState(division: string, today: Date): HotspotState {
  return {
    tab: 'gi',
    division,
    category: null,
    months: 12,
    cellSize: 1000,
    shape: 'square',
    fdr: true,
    eps: 150,
    minPoints: 8,
    from: windowStart(today, 12),
    runs: [],
    cell: null,
    cluster: null,
    clue: null,
  };
}

/**
 * Reads the state from the URL's parameters; anything missing or invalid takes its default.
 * `divisions`: the codes the user may analyse (another code falls back to the first).
 */
export function parseHotspotState(
  get: (key: string) => string | null,
  opts: { divisions: readonly string[]; today: Date },
): HotspotState {
  const d = defaultHotspotState(opts.divisions[0] ?? '', opts.today);
  const num = (k: string) => {
    const v = get(k);
    return v !== null && /^-?\d+$/.test(v) ? Number(v) : undefined;
  };
  const tab = oneOf(HOTSPOT_TABS, (get('tab') ?? undefined) as HotspotTab | undefined, d.tab);
  const months = oneOf(PERIOD_MONTHS as readonly number[], num('months'), d.months);
  const fromRaw = get('from');
  const from = fromRaw && DAY.test(fromRaw) ? fromRaw : windowStart(opts.today, months);
  const runs = (get('run') ?? '')
    .split(',')
    .filter((r): r is AnalysisTab => r === 'gi' || r === 'emerging' || r === 'clusters');
  const cellRaw = get('cell')?.match(/^(-?\d+),(-?\d+)$/);
  const division = get('area');
  return {
    tab,
    division: division && opts.divisions.includes(division) ? division : d.division,
    category: get('cat') || null,
    months,
    cellSize: oneOf(CELL_SIZES as readonly number[], num('size'), d.cellSize),
    shape: get('shape') === 'hexagon' ? 'hexagon' : 'square',
    fdr: get('fdr') !== 'false',
    eps: oneOf(EPS_METRES as readonly number[], num('eps'), d.eps),
    minPoints: oneOf(MIN_POINTS as readonly number[], num('min'), d.minPoints),
    from,
    runs: [...new Set(runs)],
    cell: cellRaw ? { i: Number(cellRaw[1]), j: Number(cellRaw[2]) } : null,
    cluster: num('k') ?? null,
    clue: tab === 'clues' ? (num('clue') ?? null) : null,
  };
}

/** The URL query of a state (defaults left out, so a plain /hotspots stays plain). */
export function hotspotStateQuery(s: HotspotState, defaultDivision: string): string {
  const p = new URLSearchParams();
  if (s.tab !== 'gi') p.set('tab', s.tab);
  if (s.division !== defaultDivision) p.set('area', s.division);
  if (s.category) p.set('cat', s.category);
  if (s.months !== 12) p.set('months', String(s.months));
  if (s.cellSize !== 1000) p.set('size', String(s.cellSize));
  if (s.shape !== 'square') p.set('shape', s.shape);
  if (!s.fdr) p.set('fdr', 'false');
  if (s.eps !== 150) p.set('eps', String(s.eps));
  if (s.minPoints !== 8) p.set('min', String(s.minPoints));
  if (s.runs.length) {
    p.set('run', s.runs.join(','));
    p.set('from', s.from);
  }
  if (s.cell) p.set('cell', `${s.cell.i},${s.cell.j}`);
  if (s.cluster !== null) p.set('k', String(s.cluster));
  if (s.tab === 'clues' && s.clue !== null) p.set('clue', String(s.clue));
  return p.toString();
}

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  return new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
}

/** The request query of one analysis with these parameters: also its cache key. */
export function analysisQuery(tab: AnalysisTab, s: HotspotParams & { from: string }): string {
  const common = { division: s.division, category: s.category };
  if (tab === 'gi')
    return query({
      ...common,
      cellSize: s.cellSize,
      shape: s.shape,
      fdr: s.fdr,
      from: s.from,
    });
  if (tab === 'emerging')
    return query({ ...common, cellSize: Math.max(s.cellSize, 1000), months: 12, fdr: s.fdr });
  return query({ ...common, eps: s.eps, minPoints: s.minPoints, from: s.from });
}

/**
 * Runs `tab` with the form's parameters: the window starts `months` before today; analyses of the
 * other tabs stay shown only if their own request is unchanged.
 */
export function runAnalysis(
  current: HotspotState,
  form: HotspotParams,
  tab: AnalysisTab,
  today: Date,
): HotspotState {
  const next: HotspotState = { ...current, ...form, from: windowStart(today, form.months), tab };
  const keep = current.runs.filter((r) => r !== tab && analysisQuery(r, current) === analysisQuery(r, next));
  return { ...next, runs: [...keep, tab], cell: null, cluster: null };
}
