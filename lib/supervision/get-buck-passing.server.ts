import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type BounceRow,
  listBounceCases,
  listBounceEvents,
  listBuckPassingNames,
  listCaseBounces,
  listComboCases,
  listOfficeReceptions,
} from '@/db/queries/buck-passing';
import { assertCan, can, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';
import {
  analyzeBuckPassing,
  type BounceCase,
  type BounceEvent,
  BUCK_PASSING_MIN_VOLUME,
  bouncingLetterDraft,
} from './buck-passing';
import type { BounceView, BuckPassingResponse, NamedOffice } from './buck-passing-types';

const toEvent = (r: BounceRow): BounceEvent => ({
  complaintId: Number(r.complaint_id),
  type: r.type,
  at: new Date(r.at).toISOString(),
  reason: r.reason,
  fromOfficeId: r.from_office_id === null ? null : Number(r.from_office_id),
  toOfficeId: r.to_office_id === null ? null : Number(r.to_office_id),
});

/**
 * 推诿扯皮 for the caller's division: the returns and transfers in [from, to) of its ordinary
 * complaints (`db/queries/buck-passing.ts`), analysed by `analyzeBuckPassing` — bouncing cases (each
 * with its full history of returns and the 督办函 draft), office pairs passing cases back and forth,
 * offices and category × town ranked by a binomial test against the division's own rate, BH q-values.
 * Inspectors and leaders (`buckPassing.read`); misconduct reports never enter it.
 */
export async function getBuckPassing(
  db: DbOrTx,
  params: { user: AuthUser; from: Date; to: Date; limit?: number },
): Promise<BuckPassingResponse> {
  const { user } = params;
  assertCan(user, 'buckPassing.read');
  if (user.jurisdiction.kind !== 'division')
    throw new AppError('FORBIDDEN', 'A division-bound role reads this');
  const limit = params.limit ?? 50;
  const scope = complaintScope(user);
  const window = { scope, from: params.from, to: params.to };
  const [events, receptions, combos] = await Promise.all([
    listBounceEvents(db, window),
    listOfficeReceptions(db, window),
    listComboCases(db, window),
  ]);
  const byCase = new Map<number, BounceEvent[]>();
  for (const r of events) {
    const e = toEvent(r);
    byCase.set(e.complaintId, [...(byCase.get(e.complaintId) ?? []), e]);
  }
  const facts = new Map(
    (await listBounceCases(db, { scope, ids: [...byCase.keys()] })).map((c) => [Number(c.id), c]),
  );
  const cases: BounceCase[] = [...byCase].map(([id, bounces]) => ({
    complaintId: id,
    category: facts.get(id)?.category ?? null,
    townCode: facts.get(id)?.town_code ?? null,
    bounces,
  }));
  const analysis = analyzeBuckPassing({
    cases,
    officeVolumes: receptions.map((r) => ({ officeId: Number(r.office_id), received: Number(r.received) })),
    comboVolumes: combos.map((c) => ({
      category: c.category,
      townCode: c.town_code,
      cases: Number(c.cases),
    })),
  });

  const bouncing = analysis.bouncingCases.slice(0, limit);
  // The letter lists every return of the case, also those before the window.
  const histories = new Map<number, BounceEvent[]>();
  for (const c of bouncing) {
    histories.set(
      c.complaintId,
      (await listCaseBounces(db, { scope, complaintId: c.complaintId })).map(toEvent),
    );
  }
  const offices = analysis.offices.slice(0, limit);
  const pairs = analysis.pairs.slice(0, limit);
  const comboRows = analysis.combos.slice(0, limit);
  const officeIds = new Set<number>();
  for (const h of histories.values())
    for (const b of h) for (const id of [b.fromOfficeId, b.toOfficeId]) if (id !== null) officeIds.add(id);
  for (const c of bouncing) {
    const o = facts.get(c.complaintId)?.responsible_office_id;
    if (o != null) officeIds.add(Number(o));
  }
  for (const o of offices) officeIds.add(o.officeId);
  for (const p of pairs) officeIds.add(p.a).add(p.b);
  const names = await listBuckPassingNames(db, {
    officeIds: [...officeIds],
    categories: [
      ...new Set([...comboRows.map((c) => c.category), ...bouncing.map((c) => c.category ?? '')]),
    ].filter(Boolean),
    towns: [
      ...new Set([...comboRows.map((c) => c.townCode), ...bouncing.map((c) => c.townCode ?? '')]),
    ].filter(Boolean),
  });
  const officeById = new Map(names.offices.map((o) => [Number(o.id), o]));
  const office = (id: number | null): NamedOffice | null =>
    id === null ? null : { id, name: officeById.get(id)?.name ?? `#${id}` };
  const category = (code: string) => {
    const c = names.categories.find((x) => x.code === code);
    return { code, name: c?.name_zh ?? code, nameEn: c?.name_en ?? code };
  };
  const town = (code: string) => {
    const t = names.towns.find((x) => x.code === code);
    return { code, name: t?.name ?? code, county: t?.county ?? null };
  };
  const supervise = can(user, 'complaint.supervise');

  return {
    window: {
      from: params.from.toISOString(),
      to: params.to.toISOString(),
      days: Math.round((params.to.getTime() - params.from.getTime()) / 86_400_000),
    },
    baseRate: analysis.baseRate,
    baseCaseRate: analysis.baseCaseRate,
    minVolume: BUCK_PASSING_MIN_VOLUME,
    cases: bouncing.map((c) => {
      const f = facts.get(c.complaintId)!;
      const history = histories.get(c.complaintId) ?? c.bounces;
      const current = office(f.responsible_office_id === null ? null : Number(f.responsible_office_id));
      const bounces: BounceView[] = history.map((b) => ({
        type: b.type,
        at: b.at,
        reason: b.reason,
        from: office(b.fromOfficeId),
        to: office(b.toOfficeId),
      }));
      return {
        complaintId: c.complaintId,
        trackingCode: f.tracking_code,
        title: f.title,
        status: f.status,
        category: f.category ? category(f.category) : null,
        town: f.town_code ? { code: f.town_code, name: town(f.town_code).name } : null,
        office: current,
        bounces,
        draft: bouncingLetterDraft({
          trackingCode: f.tracking_code,
          title: f.title,
          bounces: history,
          officeName: (id) => office(id)?.name ?? '平台',
          responsibleOfficeName: current?.name ?? '承办单位',
        }),
        openLetter: f.open_letter,
        canIssue:
          supervise &&
          current !== null &&
          f.open_letter === null &&
          !(CLOSED_STATUSES as readonly string[]).includes(f.status),
      };
    }),
    offices: offices.map((o) => ({
      office: { ...office(o.officeId)!, tier: officeById.get(o.officeId)?.tier ?? '' },
      received: o.received,
      bounced: o.bounced,
      rate: o.rate,
      expected: o.expected,
      p: o.p,
      q: o.q,
    })),
    pairs: pairs.map((p) => ({ ...p, a: office(p.a)!, b: office(p.b)! })),
    combos: comboRows.map((c) => ({
      category: category(c.category),
      town: town(c.townCode),
      cases: c.cases,
      bouncedCases: c.bouncedCases,
      rate: c.rate,
      p: c.p,
      q: c.q,
      complaintIds: c.complaintIds,
    })),
  };
}
