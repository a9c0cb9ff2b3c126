import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listAlertAreas } from '@/db/queries/alerts';
import {
  listProblemFigures,
  listTopicCategories,
  listTopicRows,
  listTownCentres,
  listTownMonthCounts,
  type TopicRow,
} from '@/db/queries/topics';
import { assertCan, can, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { formatMonth } from '@/lib/format/date-time';
import type { Pattern } from '@/lib/hotspots/emerging';
import { AppError } from '@/lib/http/errors';
import { addMonths } from './before-after';
import { type ProblemInput, rankTopicCandidates, townPatterns } from './rank-topics';
import type { TopicCandidate, TopicCandidatesResponse, TopicSummary } from './topic-types';

/** The caller's division (leaders and inspectors are bound to one); anything else is refused. */
export function topicDivision(user: AuthUser): { code: string; level: string } {
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('FORBIDDEN', 'Topics belong to a division');
  return { code: j.divisionCode, level: j.divisionLevel };
}

/** The month in Asia/Shanghai, 'YYYY-MM'. */
export const currentMonth = (now: Date) => formatMonth(now);

/** Instant of 00:00 Asia/Shanghai on the first day of a 'YYYY-MM'. */
export const monthStart = (m: string) => new Date(`${m}-01T00:00:00+08:00`);

export function toTopicSummary(r: TopicRow): TopicSummary {
  return {
    id: Number(r.id),
    month: r.month,
    divisionCode: r.division_code,
    area: { code: r.area_code, path: r.area_path },
    category: { code: r.category_code, name: r.category_zh, nameEn: r.category_en },
    note: r.note,
    pickedBy: r.picked_by,
    pickedAt: new Date(r.picked_at).toISOString(),
  };
}

/**
 * The ranked 每月一题 candidates of the caller's division for `month` (the 12 whole months before
 * it): every town of the division × level-1 category (`rankTopicCandidates`). The emerging
 * hot-spot class is computed over all the city's towns (the reference, counts only); the figures
 * are read inside the caller's scope.
 */
export async function computeTopicCandidates(
  db: DbOrTx,
  user: AuthUser,
  month: string,
): Promise<{ candidates: TopicCandidate[]; window: { fromMonth: string; toMonth: string } }> {
  const division = topicDivision(user);
  const fromMonth = addMonths(month, -12);
  const toMonth = addMonths(month, -1);
  const from = monthStart(fromMonth);
  const to = monthStart(month);
  const months = Array.from({ length: 12 }, (_, k) => addMonths(fromMonth, k));
  const monthIndex = new Map(months.map((m, k) => [m, k]));
  const towns = await listTownCentres(db);
  const counts = await listTownMonthCounts(db, { from, to });
  const figures = await listProblemFigures(db, { from, to, scope: complaintScope(user) });
  const areas = await listAlertAreas(db);
  const categories = await listTopicCategories(db);

  const townIndex = new Map(towns.map((t, k) => [t.code, k]));
  const cube = new Map<string, number[][]>();
  for (const c of categories)
    cube.set(
      c.code,
      towns.map(() => new Array<number>(12).fill(0)),
    );
  for (const r of counts) {
    const t = townIndex.get(r.town_code);
    const m = monthIndex.get(r.month);
    const byTown = cube.get(r.category);
    if (t === undefined || m === undefined || !byTown) continue;
    byTown[t]![m]! += r.n;
  }
  const patterns = townPatterns(
    towns.map((t) => ({ x: t.x, y: t.y })),
    cube,
  );
  const inside = (t: { code: string; county_code: string }) =>
    division.level === 'city' ||
    (division.level === 'county' && t.county_code === division.code) ||
    (division.level === 'town' && t.code === division.code);
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const figureByKey = new Map(figures.map((f) => [`${f.town_code}:${f.category}`, f]));
  const problems: ProblemInput[] = [];
  towns.forEach((t, k) => {
    if (!inside(t)) return;
    const area = areaByCode.get(t.code);
    for (const c of categories) {
      const monthly = cube.get(c.code)![k]!;
      const f = figureByKey.get(`${t.code}:${c.code}`);
      if (!f || monthly.every((n) => n === 0)) continue;
      problems.push({
        area: { code: t.code, name: area?.name ?? t.code, path: area?.full_name ?? t.code },
        category: { code: c.code, name: c.name_zh, nameEn: c.name_en },
        monthly,
        pattern: (patterns.get(c.code)?.[k] ?? 'none') as Pattern,
        offices: f.offices,
        rated: f.rated,
        unsatisfied: f.unsatisfied,
        reopened: f.reopened,
      });
    }
  });
  return { candidates: rankTopicCandidates(problems), window: { fromMonth, toMonth } };
}

export async function listTopicCandidates(
  db: DbOrTx,
  user: AuthUser,
  query: { month?: string },
  opts: { now?: Date } = {},
): Promise<TopicCandidatesResponse> {
  assertCan(user, 'topic.read');
  const division = topicDivision(user);
  const current = currentMonth(opts.now ?? new Date());
  const month = query.month ?? current;
  if (month > current)
    throw new AppError('VALIDATION', 'month: not after the current month', [
      { path: 'month', message: 'not after the current month' },
    ]);
  const { candidates, window } = await computeTopicCandidates(db, user, month);
  const topics = (await listTopicRows(db, { within: division.code })).map(toTopicSummary);
  return {
    month,
    window,
    divisionCode: division.code,
    canPick: can(user, 'topic.pick') && month === current,
    candidates,
    picked: topics.find((t) => t.month === month && t.divisionCode === division.code) ?? null,
    topics,
  };
}
