import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { can } from '@/lib/auth/policy';
import { AppError } from '@/lib/http/errors';
import { buildWorkflowWorld, insertCase, type WorkflowWorld } from './testing/fixture';
import { type Actor, transition } from './transition.server';
import {
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  TRANSITIONS,
  type Verb,
  type VerbInput,
} from './transitions';

let handle: DbHandle;
let world: WorkflowWorld;
let mergeTarget: number;
const now = new Date('2026-03-03T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  mergeTarget = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
});
afterAll(async () => {
  await handle?.close();
});

function inputFor(verb: Verb): VerbInput<Verb> {
  const inputs: { [V in Verb]: VerbInput<V> } = {
    triage: {
      categoryCode: 'WJ01',
      urgencyCode: 'normal',
      triageReason: 'test',
      tier: 'county',
      dispatchDueAt: now,
      firstReplyDueAt: now,
      resolveDueAt: now,
    },
    dispatch: { officeId: world.offices.health, routingReason: '测试派单' },
    accept: {},
    reply: { note: '已联系卫生院核实价格' },
    resolve: { note: '已督促卫生院按集采价格销售' },
    return: { reason: '不属于本单位职责' },
    transfer: { officeId: world.offices.water, reason: '涉及水利设施' },
    escalate: { reason: '需要区政府协调' },
    merge: { mergedIntoId: mergeTarget },
    reject: { reason: '不属于受理范围' },
    rate: { level: 'satisfied' },
    reopen: { reason: '抽查发现未实际解决' },
    close: {},
    recategorize: { categoryCode: 'WJ02', reason: '实为就医环境问题' },
  };
  return inputs[verb];
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const eventsOf = async (id: number) =>
  (await queryRow<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from complaint_events where complaint_id = ${id}`,
  ))!.n;

describe('the transition table, every verb from every status, for every kind of actor', () => {
  type ActorName = 'system' | 'resident' | keyof WorkflowWorld['users'];
  const actorNames: ActorName[] = [
    'system',
    'resident',
    'handler',
    'waterHandler',
    'otherHandler',
    'inspector',
    'otherInspector',
    'grid',
    'leader',
    'admin',
  ];
  const actorOf = (name: ActorName): Actor =>
    name === 'system' || name === 'resident' ? { kind: name } : { kind: 'user', user: world.users[name] };

  /** What the table says should happen, written independently of the verb's code path. */
  function expected(verb: Verb, from: ComplaintStatus, name: ActorName): string {
    const def = TRANSITIONS.find((t) => t.verb === verb)!;
    const actor = actorOf(name);
    const roleOk =
      actor.kind === 'system'
        ? def.system
        : actor.kind === 'resident'
          ? def.resident
          : def.action !== null && can(actor.user, def.action);
    if (!roleOk) return 'FORBIDDEN';
    // Out of jurisdiction: another county's handler or inspector cannot even see the case.
    if (name === 'otherHandler' || name === 'otherInspector') return 'NOT_FOUND';
    // A co-handling office sees the case but may not act on it.
    if (name === 'waterHandler') return 'FORBIDDEN';
    if (!def.from.includes(from)) return 'CONFLICT';
    return 'OK';
  }

  for (const def of TRANSITIONS) {
    it(`${def.verb}: ${def.from.join('/')} → ${def.to}`, async () => {
      let allowed = 0;
      for (const from of COMPLAINT_STATUSES) {
        for (const name of actorNames) {
          const want = expected(def.verb, from, name);
          const id = await insertCase(handle.db, {
            status: from,
            officeId: world.offices.health,
            coOfficeIds: [world.offices.water],
          });
          const got = await code(
            transition(handle.db, {
              complaintId: id,
              verb: def.verb,
              actor: actorOf(name),
              input: inputFor(def.verb),
              now,
            }),
          );
          expect(`${def.verb} ${from} by ${name}: ${got}`).toBe(`${def.verb} ${from} by ${name}: ${want}`);
          const status = (await queryRow<{ status: string }>(
            handle.db,
            sql`select status from complaints where id = ${id}`,
          ))!.status;
          expect(status).toBe(got === 'OK' ? (def.to ?? from) : from);
          expect(await eventsOf(id)).toBe(got === 'OK' ? 2 : 1);
          if (got === 'OK') allowed++;
        }
      }
      expect(allowed).toBeGreaterThan(0);
    });
  }
});

describe('the transition verb', () => {
  it('lets exactly one of two simultaneous accepts win; the other gets CONFLICT', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await insertCase(handle.db, { status: 'dispatched', officeId: world.offices.health });
      const results = await Promise.all(
        [world.users.handler, world.users.handler2].map((user) =>
          code(
            transition(handle.db, {
              complaintId: id,
              verb: 'accept',
              actor: { kind: 'user', user },
              input: {},
              now,
            }),
          ),
        ),
      );
      expect(results.sort()).toEqual(['CONFLICT', 'OK']);
      expect(await eventsOf(id)).toBe(2);
    }
  });

  it('lets exactly one of two different verbs at once win (first reply vs return)', async () => {
    const id = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    const results = await Promise.all([
      code(
        transition(handle.db, {
          complaintId: id,
          verb: 'reply',
          actor: { kind: 'user', user: world.users.handler },
          input: { note: '已联系' },
          now,
        }),
      ),
      code(
        transition(handle.db, {
          complaintId: id,
          verb: 'return',
          actor: { kind: 'user', user: world.users.handler2 },
          input: { reason: '不属于本单位职责' },
          now,
        }),
      ),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await eventsOf(id)).toBe(2);
  });

  it('refuses a stale screen: expectedStatus differs from the current status', async () => {
    const id = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    const got = await code(
      transition(handle.db, {
        complaintId: id,
        verb: 'return',
        actor: { kind: 'user', user: world.users.handler },
        input: { reason: '不属于本单位职责' },
        expectedStatus: 'dispatched',
        now,
      }),
    );
    expect(got).toBe('CONFLICT');
  });

  it('requires a reason to return, as a VALIDATION error on that field', async () => {
    const id = await insertCase(handle.db, { status: 'dispatched', officeId: world.offices.health });
    const error = await transition(handle.db, {
      complaintId: id,
      verb: 'return',
      actor: { kind: 'user', user: world.users.handler },
      input: { reason: ' ' },
      now,
    }).catch((e: unknown) => e);
    const { toAppError } = await import('@/lib/http/errors');
    const app = toAppError(error);
    expect(app.code).toBe('VALIDATION');
    expect(app.fields?.[0]?.path).toBe('reason');
  });

  it('records the rating, re-dispatch after a return, and the outbox reminder', async () => {
    const id = await insertCase(handle.db, { status: 'dispatched', officeId: world.offices.health });
    const handler: Actor = { kind: 'user', user: world.users.handler };
    await transition(handle.db, {
      complaintId: id,
      verb: 'return',
      actor: handler,
      input: { reason: '应由水利局办理' },
      now,
    });
    const returned = await queryRow<{ office: number | null; n: number }>(
      handle.db,
      sql`select responsible_office_id as office, return_count::int as n from complaints where id = ${id}`,
    );
    expect(returned).toEqual({ office: null, n: 1 });
    await transition(handle.db, {
      complaintId: id,
      verb: 'dispatch',
      actor: { kind: 'user', user: world.users.inspector },
      input: { officeId: world.offices.water, routingReason: '人工派单：水利设施' },
      now,
    });
    const reminders = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from notifications where complaint_id = ${id} and recipient_office_id = ${world.offices.water}`,
    );
    expect(reminders?.n).toBe(1);
    const water: Actor = { kind: 'user', user: world.users.waterHandler };
    await transition(handle.db, { complaintId: id, verb: 'accept', actor: water, input: {}, now });
    await transition(handle.db, {
      complaintId: id,
      verb: 'reply',
      actor: water,
      input: { note: '已安排人员' },
      now,
    });
    await transition(handle.db, {
      complaintId: id,
      verb: 'resolve',
      actor: water,
      input: { note: '已修复' },
      now,
    });
    await transition(handle.db, {
      complaintId: id,
      verb: 'rate',
      actor: { kind: 'resident' },
      input: { level: 'satisfied' },
      now,
    });
    const rating = await queryRow<{ level: string; status: string }>(
      handle.db,
      sql`select r.level::text as level, c.status::text as status from ratings r join complaints c on c.id = r.complaint_id where c.id = ${id}`,
    );
    expect(rating).toEqual({ level: 'satisfied', status: 'closed' });
  });
});

describe('merge joins only cases of the same kind', () => {
  it('refuses a complaint into a misconduct report and the reverse; accepts the same kind', async () => {
    const inspector: Actor = { kind: 'user', user: world.users.inspector };
    const complaint = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    const report = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${report}`);
    const merge = (from: number, into: number) =>
      transition(handle.db, {
        complaintId: from,
        verb: 'merge',
        actor: inspector,
        input: { mergedIntoId: into },
        now,
      });
    await expect(merge(complaint, report)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(merge(report, complaint)).rejects.toMatchObject({ code: 'VALIDATION' });
    const status = await queryRow<{ a: string; b: string }>(
      handle.db,
      sql`select (select status::text from complaints where id = ${complaint}) as a,
                 (select status::text from complaints where id = ${report}) as b`,
    );
    expect(status).toEqual({ a: 'accepted', b: 'accepted' });
    const other = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    expect(await code(merge(other, complaint))).toBe('OK');
  });
});
