/**
 * What the triage and dispatch verbs change (pure): the complaint's new fields, the event's data and
 * public note, the offices to remind. `transition` applies them to a case it read; intake's batch
 * writer (lib/intake/write-submissions.server.ts) applies them to a new case before it is inserted,
 * so both paths write the same rows.
 */
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { complaints } from '@/db/schema';
import { AppError } from '@/lib/http/errors';
import type { VerbInput } from './transitions';

export interface Effect {
  patch: PgUpdateSetSource<typeof complaints>;
  data: Record<string, unknown>;
  publicNote?: string;
  /** Offices to remind through the outbox. */
  notify: number[];
  notifyTitle?: string;
}

export interface EffectOffice {
  id: number;
  name: string;
  kind: string;
}

export function triageEffect(i: Required<VerbInput<'triage'>>, now: Date): Effect {
  return {
    patch: {
      categoryCode: i.categoryCode,
      urgencyCode: i.urgencyCode,
      triageReason: i.triageReason,
      triagedAt: now,
      dispatchDueAt: i.dispatchDueAt,
      firstReplyDueAt: i.firstReplyDueAt,
      resolveDueAt: i.resolveDueAt,
    },
    data: { category: i.categoryCode, urgency: i.urgencyCode, tier: i.tier, reason: i.triageReason },
    notify: [],
  };
}

/** 违纪违法线索 are handled by the 纪委 alone: never sent to an ordinary office (it may be the one reported). */
export function assertOfficeMayTake(office: EffectOffice, kind: 'complaint' | 'misconduct'): void {
  if (kind === 'misconduct' && office.kind !== 'discipline') {
    throw new AppError('VALIDATION', 'A misconduct report goes to a 纪委 office only', [
      { path: 'officeId', message: 'misconduct_to_discipline' },
    ]);
  }
}

/** `coCandidates`: the co-handling offices found (unknown ids already dropped). */
export function dispatchEffect(
  c: { kind: 'complaint' | 'misconduct' },
  office: EffectOffice,
  coCandidates: readonly EffectOffice[],
  routingReason: string,
  now: Date,
): Effect {
  assertOfficeMayTake(office, c.kind);
  const co = coCandidates.filter(
    (o) => o.id !== office.id && (c.kind !== 'misconduct' || o.kind === 'discipline'),
  );
  const coNames = co.map((o) => o.name).join('、');
  return {
    patch: {
      responsibleOfficeId: office.id,
      coOfficeIds: co.map((o) => o.id),
      routingReason,
      dispatchedAt: now,
    },
    data: { officeId: office.id, coOfficeIds: co.map((o) => o.id), reason: routingReason },
    publicNote: `已转办至${office.name}${coNames ? `，协办：${coNames}` : ''}`,
    notify: [office.id, ...co.map((o) => o.id)],
    notifyTitle: '新诉求待受理',
  };
}
