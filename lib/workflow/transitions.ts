/**
 * The complaint lifecycle, declared once as data (PRODUCT.md "the loop"):
 *
 *   received → triaged → dispatched → accepted → in_progress (first reply) → resolved → closed
 *                  ↑  ↖ returned (退单, reason)        ↘ transferred / escalated → accepted …
 *   resolved/closed → reopened → accepted …; triaged/returned → rejected (reason to the resident);
 *   received…accepted → merged (into an earlier case); recategorize (staff override of the
 *   category) keeps the status and records the old and new category as an event.
 *
 * Each row: the verb, the statuses it may start from, the status it leads to, who may take it
 * (`action` names the lib/auth/policy.ts action for staff; `system` the platform itself, `resident`
 * the reporter holding the tracking code), and the input it requires (zod, so that a missing reason is a VALIDATION error on that field).
 * Pure: the `transition` verb (transition.server.ts) applies it.
 */
import { z } from 'zod';
import { type Action, can } from '@/lib/auth/policy';
import type { Jurisdiction, Role } from '@/lib/auth/types';

import { COMPLAINT_STATUSES, type ComplaintStatus } from '@/lib/complaints/vocabulary';

export { COMPLAINT_STATUSES, type ComplaintStatus };

export const VERBS = [
  'triage',
  'dispatch',
  'accept',
  'reply',
  'resolve',
  'return',
  'transfer',
  'escalate',
  'merge',
  'reject',
  'rate',
  'reopen',
  'close',
  'recategorize',
] as const;
export type Verb = (typeof VERBS)[number];

/**
 * Where a staff actor must stand, by role: a handler acts only on cases whose first-responsible
 * office is theirs (co-handling offices read but do not act); an inspector on cases inside their
 * division (the policy's complaint scope). Other roles hold no workflow action.
 */
export type JurisdictionRule = 'responsible_office' | 'division';
export const JURISDICTION_BY_ROLE: Partial<Record<string, JurisdictionRule>> = {
  handler: 'responsible_office',
  inspector: 'division',
};

const text = (max: number) => z.string().trim().min(2).max(max);
const id = z.number().int().positive();

/** Inputs by verb. Messages are keys of the workflow.errors namespace (shown next to the field). */
export const VERB_INPUT = {
  triage: z.object({
    categoryCode: z.string().min(2),
    urgencyCode: z.string().min(2),
    triageReason: z.string().min(1),
    tier: z.enum(['county', 'town', 'village']),
    dispatchDueAt: z.date(),
    firstReplyDueAt: z.date(),
    resolveDueAt: z.date(),
  }),
  dispatch: z.object({
    officeId: id,
    coOfficeIds: z.array(id).max(10).default([]),
    routingReason: text(500),
  }),
  accept: z.object({ note: z.string().trim().max(500).optional() }),
  reply: z.object({ note: text(2000) }),
  resolve: z.object({ note: text(2000) }),
  return: z.object({ reason: text(500) }),
  transfer: z.object({ officeId: id, reason: text(500) }),
  escalate: z.object({ reason: text(500), officeId: id.optional() }),
  merge: z.object({ mergedIntoId: id }),
  reject: z.object({ reason: text(500) }),
  rate: z.object({
    level: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
    comment: z.string().trim().max(500).optional(),
  }),
  reopen: z.object({ reason: text(500) }),
  close: z.object({ note: z.string().trim().max(500).optional() }),
  recategorize: z.object({
    categoryCode: z.string().min(2).max(10),
    reason: z.string().trim().max(500).optional(),
  }),
} as const satisfies Record<Verb, z.ZodType>;

export type VerbInput<V extends Verb> = z.input<(typeof VERB_INPUT)[V]>;

export interface TransitionDef {
  verb: Verb;
  from: readonly ComplaintStatus[];
  /** null: the status stays (an event-only verb, still guarded by the conditional update). */
  to: ComplaintStatus | null;
  /** The policy action a staff member needs (null: no staff member may take it). */
  action: Action | null;
  system: boolean;
  resident: boolean;
  /** The complaint_events.type written. */
  event: string;
  /** Whether the event shows on the resident's public timeline. */
  public: boolean;
}

export const TRANSITIONS: readonly TransitionDef[] = [
  {
    verb: 'triage',
    from: ['received'],
    to: 'triaged',
    action: null,
    system: true,
    resident: false,
    event: 'triaged',
    public: false,
  },
  {
    verb: 'dispatch',
    from: ['triaged', 'returned'],
    to: 'dispatched',
    action: 'complaint.dispatch',
    system: true,
    resident: false,
    event: 'dispatched',
    public: true,
  },
  {
    verb: 'accept',
    from: ['dispatched', 'transferred', 'escalated', 'reopened'],
    to: 'accepted',
    action: 'complaint.handle',
    system: false,
    resident: false,
    event: 'accepted',
    public: true,
  },
  {
    verb: 'reply',
    from: ['accepted'],
    to: 'in_progress',
    action: 'complaint.handle',
    system: false,
    resident: false,
    event: 'replied',
    public: true,
  },
  {
    verb: 'resolve',
    from: ['in_progress'],
    to: 'resolved',
    action: 'complaint.handle',
    system: false,
    resident: false,
    event: 'resolved',
    public: true,
  },
  {
    verb: 'return',
    from: ['dispatched', 'transferred', 'escalated', 'accepted'],
    to: 'returned',
    action: 'complaint.handle',
    system: false,
    resident: false,
    event: 'returned',
    public: true,
  },
  {
    verb: 'transfer',
    from: ['accepted', 'in_progress'],
    to: 'transferred',
    action: 'complaint.handle',
    system: false,
    resident: false,
    event: 'transferred',
    public: true,
  },
  {
    verb: 'escalate',
    from: ['dispatched', 'accepted', 'in_progress', 'transferred', 'reopened'],
    to: 'escalated',
    action: 'complaint.escalate',
    system: false,
    resident: false,
    event: 'escalated',
    public: true,
  },
  {
    verb: 'merge',
    from: ['received', 'triaged', 'dispatched', 'returned', 'accepted'],
    to: 'merged',
    action: 'complaint.merge',
    system: false,
    resident: false,
    event: 'merged',
    public: true,
  },
  {
    verb: 'reject',
    from: ['triaged', 'returned'],
    to: 'rejected',
    action: 'complaint.dispatch',
    system: false,
    resident: false,
    event: 'rejected',
    public: true,
  },
  {
    verb: 'rate',
    from: ['resolved'],
    to: 'closed',
    action: null,
    system: false,
    resident: true,
    event: 'rated',
    public: true,
  },
  {
    verb: 'reopen',
    from: ['resolved', 'closed'],
    to: 'reopened',
    action: 'complaint.reopen',
    system: false,
    resident: true,
    event: 'reopened',
    public: true,
  },
  {
    verb: 'close',
    from: ['resolved'],
    to: 'closed',
    action: null,
    system: true,
    resident: false,
    event: 'closed',
    public: true,
  },
  {
    verb: 'recategorize',
    from: [
      'triaged',
      'dispatched',
      'returned',
      'accepted',
      'in_progress',
      'transferred',
      'escalated',
      'reopened',
      'resolved',
    ],
    to: null,
    action: 'complaint.recategorize',
    system: false,
    resident: false,
    event: 'recategorized',
    public: false,
  },
];

export function transitionFor(verb: Verb): TransitionDef {
  const def = TRANSITIONS.find((t) => t.verb === verb);
  if (!def) throw new Error(`No transition declared for ${verb}`);
  return def;
}

/** The verbs whose `from` contains the status (before role and jurisdiction checks). */
export function verbsFrom(status: ComplaintStatus): Verb[] {
  return TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.verb);
}

/**
 * The verbs a staff member may take on a case right now (the buttons on the case page): declared
 * from its status, allowed for the role, and inside the jurisdiction rule. The server re-checks all of
 * it in `transition`.
 */
export function allowedVerbs(
  user: { role: Role; jurisdiction: Jurisdiction },
  subject: { status: ComplaintStatus; responsibleOfficeId: number | null },
): Verb[] {
  const rule = JURISDICTION_BY_ROLE[user.role];
  const inJurisdiction =
    rule === 'division' ||
    (rule === 'responsible_office' &&
      user.jurisdiction.kind === 'office' &&
      user.jurisdiction.officeId === subject.responsibleOfficeId);
  if (!inJurisdiction) return [];
  return TRANSITIONS.filter((t) => t.from.includes(subject.status))
    .filter((t) => t.action !== null && can(user, t.action))
    .map((t) => t.verb);
}
