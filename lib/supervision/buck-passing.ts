/**
 * 推诿扯皮: cases that keep being sent back. Pure; the events come from `db/queries/buck-passing.ts`.
 *
 * A bounce is a 退单 (`returned`: the office hands the case back to the platform, which dispatches it
 * again) or a 转办 (`transferred`: the office passes it to another). Its pair is (from office → the
 * office that got the case next: the next dispatch after a return, the target of a transfer).
 * - Bouncing cases: two or more bounces in the period.
 * - Offices: bounces out of an office over the cases it received (dispatched, transferred or
 *   escalated to it) in the period, tested against the whole population's rate p₀ with a one-sided
 *   binomial test P(X ≥ bounces | received, p₀) and Benjamini–Hochberg q-values across offices, so a
 *   small office with 2 of 3 is not ranked above a large one with 40 of 200 on the rate alone.
 * - Pairs: unordered office pairs with the bounces each way; a pair that passed one and the same case
 *   both ways is 来回推 (two offices each returning a different case to the other is not).
 * - Category × town: the share of cases with a bounce against the population's share, tested the
 *   same way.
 */
import { binomialUpperTail } from '@/lib/clues/binomial-tail';
import { bhQValues } from '@/lib/hotspots/fdr';

export interface BounceEvent {
  complaintId: number;
  type: 'returned' | 'transferred';
  at: string;
  reason: string | null;
  fromOfficeId: number | null;
  toOfficeId: number | null;
}

export interface BounceCase {
  complaintId: number;
  category: string | null;
  townCode: string | null;
  bounces: BounceEvent[];
}

export interface OfficeVolume {
  officeId: number;
  received: number;
}

export interface ComboVolume {
  category: string;
  townCode: string;
  cases: number;
}

export interface OfficeRanking {
  officeId: number;
  received: number;
  bounced: number;
  rate: number;
  expected: number;
  p: number;
  q: number;
}

export interface PairRanking {
  a: number;
  b: number;
  aToB: number;
  bToA: number;
  total: number;
  /** Some case was passed both ways between the two (来回推). */
  backAndForth: boolean;
  /** How many cases were passed both ways. */
  backAndForthCases: number;
  complaintIds: number[];
}

export interface ComboRanking {
  category: string;
  townCode: string;
  cases: number;
  bouncedCases: number;
  rate: number;
  p: number;
  q: number;
  complaintIds: number[];
}

export interface BuckPassingAnalysis {
  /** Bounces over receptions in the whole population. */
  baseRate: number;
  /** The share of cases with at least one bounce. */
  baseCaseRate: number;
  bouncingCases: BounceCase[];
  offices: OfficeRanking[];
  pairs: PairRanking[];
  combos: ComboRanking[];
}

export const BUCK_PASSING_MIN_VOLUME = 5;

export function analyzeBuckPassing(input: {
  cases: readonly BounceCase[];
  officeVolumes: readonly OfficeVolume[];
  comboVolumes: readonly ComboVolume[];
  minBounces?: number;
  minVolume?: number;
}): BuckPassingAnalysis {
  const minBounces = input.minBounces ?? 2;
  const minVolume = input.minVolume ?? BUCK_PASSING_MIN_VOLUME;
  const out = new Map<number, number>();
  const pairs = new Map<string, PairRanking>();
  /** pair key → case id → directions seen (1: a→b, 2: b→a). */
  const directions = new Map<string, Map<number, number>>();
  for (const c of input.cases) {
    for (const b of c.bounces) {
      if (b.fromOfficeId !== null) out.set(b.fromOfficeId, (out.get(b.fromOfficeId) ?? 0) + 1);
      if (b.fromOfficeId === null || b.toOfficeId === null || b.fromOfficeId === b.toOfficeId) continue;
      const [a, z] =
        b.fromOfficeId < b.toOfficeId ? [b.fromOfficeId, b.toOfficeId] : [b.toOfficeId, b.fromOfficeId];
      const key = `${a}:${z}`;
      const p = pairs.get(key) ?? {
        a,
        b: z,
        aToB: 0,
        bToA: 0,
        total: 0,
        backAndForth: false,
        backAndForthCases: 0,
        complaintIds: [],
      };
      if (b.fromOfficeId === a) p.aToB++;
      else p.bToA++;
      const seen = directions.get(key) ?? new Map<number, number>();
      seen.set(c.complaintId, (seen.get(c.complaintId) ?? 0) | (b.fromOfficeId === a ? 1 : 2));
      directions.set(key, seen);
      p.total++;
      if (!p.complaintIds.includes(c.complaintId)) p.complaintIds.push(c.complaintId);
      pairs.set(key, p);
    }
  }

  const totalReceived = input.officeVolumes.reduce((s, v) => s + v.received, 0);
  const totalBounced = [...out.values()].reduce((s, n) => s + n, 0);
  const baseRate = totalReceived > 0 ? Math.min(1, totalBounced / totalReceived) : 0;
  const officeRows = input.officeVolumes
    .filter((v) => v.received >= minVolume)
    .map((v) => {
      const bounced = Math.min(out.get(v.officeId) ?? 0, v.received);
      return {
        officeId: v.officeId,
        received: v.received,
        bounced,
        rate: bounced / v.received,
        expected: baseRate * v.received,
        p: binomialUpperTail(bounced, v.received, baseRate),
        q: Number.NaN,
      };
    });
  const officeQ = bhQValues(officeRows.map((r) => r.p));
  officeRows.forEach((r, i) => {
    r.q = officeQ[i]!;
  });

  const bouncedByCombo = new Map<string, number[]>();
  for (const c of input.cases) {
    if (c.bounces.length === 0 || !c.category || !c.townCode) continue;
    const key = `${c.category}:${c.townCode}`;
    bouncedByCombo.set(key, [...(bouncedByCombo.get(key) ?? []), c.complaintId]);
  }
  const totalCases = input.comboVolumes.reduce((s, v) => s + v.cases, 0);
  const totalBouncedCases = [...bouncedByCombo.values()].reduce((s, ids) => s + ids.length, 0);
  const baseCaseRate = totalCases > 0 ? Math.min(1, totalBouncedCases / totalCases) : 0;
  const comboRows = input.comboVolumes
    .filter((v) => v.cases >= minVolume)
    .map((v) => {
      const ids = bouncedByCombo.get(`${v.category}:${v.townCode}`) ?? [];
      const bouncedCases = Math.min(ids.length, v.cases);
      return {
        category: v.category,
        townCode: v.townCode,
        cases: v.cases,
        bouncedCases,
        rate: bouncedCases / v.cases,
        p: binomialUpperTail(bouncedCases, v.cases, baseCaseRate),
        q: Number.NaN,
        complaintIds: ids,
      };
    });
  const comboQ = bhQValues(comboRows.map((r) => r.p));
  comboRows.forEach((r, i) => {
    r.q = comboQ[i]!;
  });

  const byEvidence = (a: { q: number; rate: number }, b: { q: number; rate: number }) =>
    a.q - b.q || b.rate - a.rate;
  return {
    baseRate,
    baseCaseRate,
    bouncingCases: input.cases
      .filter((c) => c.bounces.length >= minBounces)
      .sort((a, b) => b.bounces.length - a.bounces.length || a.complaintId - b.complaintId),
    offices: officeRows.filter((r) => r.bounced > 0).sort(byEvidence),
    pairs: [...pairs]
      .map(([key, p]) => {
        const both = [...(directions.get(key)?.values() ?? [])].filter((d) => d === 3).length;
        return { ...p, backAndForth: both > 0, backAndForthCases: both };
      })
      .sort(
        (a, b) =>
          b.backAndForthCases - a.backAndForthCases ||
          Math.min(b.aToB, b.bToA) - Math.min(a.aToB, a.bToA) ||
          b.total - a.total,
      ),
    combos: comboRows.filter((r) => r.bouncedCases > 0).sort(byEvidence),
  };
}

/**
 * The 督办函 draft for a bouncing case: each return or transfer with its date, offices and stated
 * reason, then the requirement. Pure; names come from the caller.
 */
export function bouncingLetterDraft(p: {
  trackingCode: string;
  title: string;
  bounces: readonly BounceEvent[];
  officeName: (id: number | null) => string;
  responsibleOfficeName: string;
}): string {
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(iso));
  const lines = p.bounces.map((b, i) => {
    const what = b.type === 'returned' ? '退单' : '转办';
    const to = b.toOfficeId !== null ? `，转至${p.officeName(b.toOfficeId)}` : '';
    return `${i + 1}. ${fmt(b.at)}，${p.officeName(b.fromOfficeId)}${what}${to}，理由：“${b.reason ?? '未说明'}”`;
  });
  return [
    `诉求 ${p.trackingCode}（${p.title}）自受理以来已被退回或转办 ${p.bounces.length} 次：`,
    ...lines,
    `经查，该诉求在多个单位之间往返流转，群众诉求长期得不到解决。请${p.responsibleOfficeName}作为当前承办单位，自收到本函之日起切实履行首接责任，不得再以职责不清为由退回，限期办结并书面报告办理情况；确需其他单位协办的，由你单位牵头协调。`,
  ].join('\n');
}
