import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getPublicComplaint } from '@/db/queries/intake';
import { activateTriageModel, listConfirmedCategoryTexts } from '@/db/queries/triage';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { toPublicTimeline } from '@/lib/intake/track-complaint.server';
import { processNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import { buildWorkflowWorld, insertCase, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import { getTriageSuggester, resetTriageSuggesterCache } from './get-triage-suggester.server';
import { listLikelyDuplicates } from './list-likely-duplicates.server';
import { readCorpusDir } from './read-labelled-csv';
import { retrainIfDue } from './retrain-if-due.server';
import { trainTriageModel } from './train-triage-model.server';

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-03-03T03:00:00Z');
/** Four families of the team corpus (19 categories), so that the tests train in seconds, not minutes. */
const CORPUS = readCorpusDir().filter((r) => /^(SL|HB|WJ|JJ)/.test(r.label));

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  resetTriageSuggesterCache();
});
afterAll(async () => {
  resetTriageSuggesterCache();
  await handle?.close();
});

const categoryOf = async (id: number) =>
  (await queryRow<{ category_code: string; status: string }>(
    handle.db,
    sql`select category_code, status from complaints where id = ${id}`,
  ))!;

describe('staff override (recategorize)', () => {
  it('changes the category, keeps the status, records old, new and who, and feeds training', async () => {
    const id = await insertCase(handle.db, {
      status: 'accepted',
      officeId: world.offices.health,
      title: '卫生服务中心候诊区太挤',
      description: '候诊区又小又挤，没有空调，老人排队要站半个多小时。',
    });
    const user = world.users.handler;
    await transition(handle.db, {
      complaintId: id,
      verb: 'recategorize',
      actor: { kind: 'user', user },
      input: { categoryCode: 'WJ02', reason: '是就医环境问题' },
      expectedStatus: 'accepted',
      now,
    });
    expect(await categoryOf(id)).toEqual({ category_code: 'WJ02', status: 'accepted' });
    const event = await queryRow<{ type: string; actor_user_id: number; data: Record<string, unknown> }>(
      handle.db,
      sql`select type, actor_user_id, data from complaint_events where complaint_id = ${id} order by id desc limit 1`,
    );
    expect(event).toMatchObject({
      type: 'recategorized',
      actor_user_id: user.id,
      data: { from: 'WJ01', to: 'WJ02', reason: '是就医环境问题' },
    });
    const training = await listConfirmedCategoryTexts(handle.db, { limit: 100 });
    expect(training).toContainEqual(
      expect.objectContaining({ text: expect.stringContaining('候诊区') as string, label: 'WJ02' }),
    );
  });

  it('refuses an unknown category, the same category and a misconduct category for a complaint', async () => {
    const id = await insertCase(handle.db, { status: 'dispatched', officeId: world.offices.health });
    for (const categoryCode of ['XX99', 'WJ01', 'JJ01', 'WJ']) {
      await expect(
        transition(handle.db, {
          complaintId: id,
          verb: 'recategorize',
          actor: { kind: 'user', user: world.users.inspector },
          input: { categoryCode },
          now,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });
});

describe('the learned suggester', () => {
  it('trains a version on the team corpus, makes it active, and triage uses it with the words behind it', async () => {
    const trained = await trainTriageModel(handle.db, { trigger: 'command', corpus: CORPUS });
    expect(trained.corpusCount).toBeGreaterThan(900);
    expect(trained.promoted).toBe(true);
    expect(trained.metrics.innerMacroF1).toBeGreaterThan(0.6);
    const suggest = await getTriageSuggester(handle.db, { fresh: true });
    expect(suggest?.('灌溉渠被泥沙堵了，下游的地浇不上水，秧苗栽不下去', 'complaint')?.categoryCode).toMatch(
      /^SL/,
    );
    // A misconduct report only ever gets a 纪检 category.
    expect(suggest?.('灌溉渠被泥沙堵了，村干部收了钱不管', 'misconduct')?.categoryCode).toMatch(/^JJ/);

    const id = await insertCase(handle.db, {
      status: 'received',
      categoryCode: null,
      title: '化工厂夜里偷排废气',
      description:
        '河对面那家化工厂一到半夜烟囱就冒黄烟，刺鼻的酸味飘到我们村，窗户都不敢开，孩子咳嗽了半个月。',
    });
    await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
    const row = await queryRow<{ category_code: string; triage_reason: string }>(
      handle.db,
      sql`select category_code, triage_reason from complaints where id = ${id}`,
    );
    expect(row?.category_code).toMatch(/^HB/);
    expect(row?.triage_reason).toMatch(/文本分类器(建议|只能确定大类)（[^）]*置信度 \d+%.*依据：“[^”]+”/);
  }, 400_000);

  it('retrains in a separate process when enough staff decisions arrived; a version that does not beat the active one stays a candidate; rollback', async () => {
    const versions = async () =>
      queryRows<{
        id: number;
        status: string;
        metrics: { decision: string; decisionKind: string; promoted: boolean } | null;
      }>(handle.db, sql`select id, status, metrics from triage_models order by id`);
    const before = await versions();
    const active = before.find((v) => v.status === 'active')!;
    expect(await retrainIfDue(handle.db, { threshold: 2, corpus: CORPUS })).toBe(false);
    for (const code of ['WJ03', 'WJ04']) {
      const id = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
      await transition(handle.db, {
        complaintId: id,
        verb: 'recategorize',
        actor: { kind: 'user', user: world.users.handler },
        input: { categoryCode: code },
        now: new Date(Date.now() + 1000),
      });
    }
    expect(await retrainIfDue(handle.db, { threshold: 2, corpus: CORPUS })).toBe(true);
    const after = await versions();
    expect(after).toHaveLength(before.length + 1);
    const fresh = after.at(-1)!;
    // Too few held-out confirmed cases to compare: a retrain on confirmations keeps the active model.
    expect(fresh.status).toBe('candidate');
    expect(fresh.metrics?.decision).toMatch(/不足以比较；保留现用模型/);
    // The admin screen words it in the reader's language from the kind.
    expect(fresh.metrics).toMatchObject({ decisionKind: 'too-few', promoted: false });
    expect(after.find((v) => v.status === 'active')?.id).toBe(active.id);

    // An admin may switch to the candidate, and back (rollback): one active version at a time.
    await activateTriageModel(handle.db, { id: fresh.id, at: new Date() });
    expect((await getTriageSuggester(handle.db, { fresh: true })) !== null).toBe(true);
    let now2 = await versions();
    expect(now2.filter((v) => v.status === 'active').map((v) => v.id)).toEqual([fresh.id]);
    expect(now2.find((v) => v.id === active.id)?.status).toBe('retired');
    await activateTriageModel(handle.db, { id: active.id, at: new Date() });
    now2 = await versions();
    expect(now2.filter((v) => v.status === 'active').map((v) => v.id)).toEqual([active.id]);
  }, 400_000);
});

describe('likely duplicates and merging', () => {
  const at: [number, number] = [101.7, 26.58];
  const near: [number, number] = [101.7005, 26.5805]; // ≈ 75 m away
  const far: [number, number] = [101.71, 26.59]; // ≈ 1.5 km away
  const water = (title: string, description: string, extra: Parameters<typeof insertCase>[1]) =>
    insertCase(handle.db, {
      title,
      description,
      categoryCode: 'SL01',
      officeId: world.offices.health,
      ...extra,
    });

  it('flags near, recent, similar cases of the same level-1 category; not far, old, unrelated or other-category ones', async () => {
    const primary = await water('村里停水三天了', '蓄水池干了，管道老化漏水，没有水喝，老人吃水困难。', {
      status: 'accepted',
      at,
      submittedAt: new Date('2026-03-01T02:00:00Z'),
    });
    const dup = await water('没有水喝', '我们这里蓄水池干了好几天，没有水喝，吃水困难。', {
      status: 'dispatched',
      at: near,
      submittedAt: new Date('2026-03-02T02:00:00Z'),
    });
    await water('没有水喝', '蓄水池干了，没有水喝，吃水困难。', { status: 'dispatched', at: far });
    await water('没有水喝', '蓄水池干了，没有水喝，吃水困难。', {
      status: 'dispatched',
      at: near,
      submittedAt: new Date('2026-01-10T02:00:00Z'),
    });
    await water('灌溉渠堵了', '下游农田浇不上水，请清淤。', {
      status: 'dispatched',
      at: near,
      categoryCode: 'SL02',
    });
    await water('蓄水池干了没有水喝', '蓄水池干了，没有水喝。', {
      status: 'dispatched',
      at: near,
      categoryCode: 'WJ01',
    });

    const complaint = (await queryRow<{ title: string; description: string; submitted_at: string }>(
      handle.db,
      sql`select title, description, submitted_at from complaints where id = ${dup}`,
    ))!;
    const found = await listLikelyDuplicates(handle.db, {
      user: world.users.inspector,
      complaint: {
        id: dup,
        title: complaint.title,
        description: complaint.description,
        submittedAt: complaint.submitted_at,
      },
    });
    expect(found.map((d) => d.id)).toEqual([primary]);
    expect(found[0]).toMatchObject({ earlier: true });
    expect(found[0]!.distanceM).toBeGreaterThan(30);
    expect(found[0]!.distanceM).toBeLessThan(200);
    // Another county's inspector sees nothing.
    expect(
      await listLikelyDuplicates(handle.db, {
        user: world.users.otherInspector,
        complaint: {
          id: dup,
          title: complaint.title,
          description: complaint.description,
          submittedAt: complaint.submitted_at,
        },
      }),
    ).toEqual([]);

    // Merge the duplicate into the primary: its reporter keeps following the primary's progress.
    await transition(handle.db, {
      complaintId: dup,
      verb: 'merge',
      actor: { kind: 'user', user: world.users.inspector },
      input: { mergedIntoId: primary },
      now,
    });
    await transition(handle.db, {
      complaintId: primary,
      verb: 'reply',
      actor: { kind: 'user', user: world.users.handler },
      input: { note: '已安排送水车，抢修管道' },
      now: new Date(now.getTime() + 60_000),
    });
    const code = (
      await queryRows<{ tracking_code: string }>(
        handle.db,
        sql`select tracking_code from complaints where id = ${dup}`,
      )
    )[0]!.tracking_code;
    const timeline = await toPublicTimeline(
      handle.db,
      (await getPublicComplaint(handle.db, { trackingCode: code }))!,
    );
    expect(timeline.status).toBe('merged');
    expect(timeline.events.map((e) => e.type)).toEqual(expect.arrayContaining(['merged', 'replied']));
    expect(timeline.events.find((e) => e.type === 'replied')?.note).toBe('已安排送水车，抢修管道');
    // The merged case is no longer a duplicate candidate of anything.
    const fromPrimary = await listLikelyDuplicates(handle.db, {
      user: world.users.inspector,
      complaint: {
        id: primary,
        title: '村里停水三天了',
        description: '蓄水池干了，没有水喝',
        submittedAt: '2026-03-01T02:00:00Z',
      },
    });
    expect(fromPrimary.map((d) => d.id)).not.toContain(dup);
  });
});
