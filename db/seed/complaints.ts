/**
 * Step 6: complaints over `ctx.months` months up to `ctx.now`, with their contacts, events, ratings,
 * supervision letters, spot checks, follow-up visits, and a few clues; plus the three planted
 * patterns (db/seed/README.md). Written in batches with unnest() over array parameters; the next
 * batch is generated while the previous one is being written.
 */
import { sql } from 'drizzle-orm';
// biome-ignore lint/style/noRestrictedImports: the one known upward arrow (issue #20): the demo city links its complaints with the app's own linking verb, inside the seed's transaction.
import { loadGazetteer, relinkComplaints } from '../../lib/linking/relink-complaints.server';
import type { Db } from '../client';
import { queryRow, queryRows } from '../sql';
import { Batch, writeBatch } from './complaints/batch';
import { type GenState, generateComplaint } from './complaints/generate';
import { buildPlan } from './complaints/plan';
import { type Facility, loadWorld, type World } from './complaints/world';
import type { SeedContext } from './context';
import { WEST_DISTRICT } from './facilities';

/** 盐边县格萨拉彝族乡韭菜坪村, the village of the source article's water case. */
export const WATER_VILLAGE = '510422211209';
export const YANBIAN_COUNTY = '510422000000';
const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const BATCH = 5_000;

export interface PlantedPatterns {
  hotCompoundIds: number[];
  waterVillage: string | null;
  waterWindow: [number, number] | null;
  healthCentreIds: number[];
}

/** Midnight CST of a calendar date as epoch ms. */
function cstMidnight(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - CST;
}

export function choosePatterns(world: World, ctx: SeedContext, start: number, now: number) {
  const rng = ctx.rng.fork('patterns');
  // (1) hot compounds: 4 compounds with households, in distinct towns, the first 东区 one included.
  const compounds = world.facilities.filter(
    (f) =>
      f.kind === 'residential_compound' &&
      f.buildingIds.reduce((n, id) => n + (world.buildings.get(id)?.households.length ?? 0), 0) >= 6,
  );
  const hot: Facility[] = [];
  const first = compounds.find((f) => f.county === '510402000000');
  if (first) hot.push(first);
  const pool = compounds.filter((f) => f !== first);
  while (hot.length < 4 && pool.length) {
    const f = pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!;
    if (!hot.some((h) => h.town === f.town) || pool.length < 4 - hot.length) hot.push(f);
  }
  const hh = (f: Facility) =>
    f.buildingIds.reduce((n, id) => n + (world.buildings.get(id)?.households.length ?? 0), 0);
  const compoundHouseholds = compounds.reduce((n, f) => n + hh(f), 0) || 1;
  const wyBase = ctx.complaints * 0.1;
  const hotCompounds = hot.map((f) => ({
    id: f.id,
    count: Math.max(8, Math.round((5 * wyBase * hh(f)) / compoundHouseholds)),
  }));
  // (2) water burst: 韭菜坪村, else the 盐边县 rural village with most households.
  let waterVillage: string | null = world.villages.get(WATER_VILLAGE)?.households.length
    ? WATER_VILLAGE
    : null;
  if (!waterVillage) {
    const cands = world.villageList
      .filter((v) => v.county === YANBIAN_COUNTY && v.households.length > 0)
      .sort((a, b) => Number(b.rural) - Number(a.rural) || b.households.length - a.households.length);
    waterVillage = cands[0]?.code ?? null;
  }
  let water: { count: number; from: number; to: number } | null = null;
  if (waterVillage) {
    const nowDate = new Date(now + CST);
    let from = 0;
    for (let y = nowDate.getUTCFullYear(); y >= nowDate.getUTCFullYear() - 2; y--) {
      const m = cstMidnight(y, 3, 2);
      if (m >= start && m + 28 * DAY <= now - 7 * DAY) {
        from = m;
        break;
      }
    }
    if (!from) from = Math.max(start, now - 60 * DAY);
    water = { count: Math.max(20, Math.round(ctx.complaints * 0.003)), from, to: from + 21 * DAY };
  }
  // (3) the 6 community health centres of 西区.
  const centres = world.facilities.filter(
    (f) => f.kind === 'community_health_centre' && f.county === WEST_DISTRICT,
  );
  const nowYear = new Date(now + CST).getUTCFullYear();
  let peakUntil = cstMidnight(nowYear, 4, 30);
  if (peakUntil > now) peakUntil = cstMidnight(nowYear - 1, 4, 30);
  const health = centres.length
    ? {
        ids: centres.map((c) => c.id),
        // At least 20 each: in small seeds the pattern must stand out over the honestly linked rest.
        perCentre: Math.max(20, Math.round(ctx.complaints * 0.005)),
        peakUntil,
      }
    : null;
  return { hotCompounds, water, waterVillage, health };
}

export async function seedComplaints(db: Db, ctx: SeedContext): Promise<void> {
  const t0 = performance.now();
  const world = await loadWorld(db, ctx.seed);
  if (world.villageList.length === 0) {
    ctx.log('seed: complaints skipped (no villages)');
    return;
  }
  const now = ctx.now.getTime();
  const startDate = new Date(ctx.now);
  startDate.setUTCMonth(startDate.getUTCMonth() - ctx.months);
  const start = startDate.getTime();
  const patterns = choosePatterns(world, ctx, start, now);
  const plan = buildPlan(ctx.rng.fork('plan'), {
    total: ctx.complaints,
    start,
    now,
    hotCompounds: patterns.hotCompounds,
    water: patterns.water,
    health: patterns.health,
  });
  const maxId = await queryRow<{ m: number }>(db, sql`select coalesce(max(id), 0)::int as m from complaints`);
  const offices = await queryRows<{ id: number; code: string }>(db, sql`select id, code from offices`);
  const firstId = (maxId?.m ?? 0) + 1;
  const state: GenState = {
    nextId: firstId,
    codes: new Set(),
    lastByVillageCat: new Map(),
    letterSeq: 0,
    officeIdByCode: new Map(offices.map((o) => [o.code, o.id])),
    calendar: { holidays: world.holidays, workdays: world.workdays },
    deadlineCache: new Map(),
    policyCache: new Map(),
    waterVillage: patterns.waterVillage,
    streamIds: { base: [], property: [], water: [], health: [] },
    misconductIds: [],
  };
  ctx.log(
    `seed: complaints world loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${world.householdIds.length} households, ${world.facilities.length} facilities)`,
  );
  const rng = ctx.rng.fork('complaints');
  const tGen = performance.now();
  await db.transaction(async (tx) => {
    let pending: Promise<void> = Promise.resolve();
    let batch = new Batch();
    for (let i = 0; i < plan.length; i++) {
      generateComplaint(rng, world, state, plan[i]!, now, batch);
      if (batch.size >= BATCH || i === plan.length - 1) {
        await pending;
        const full = batch;
        pending = writeBatch(tx, full);
        batch = new Batch();
        if ((i + 1) % 100_000 < BATCH) {
          const s = (performance.now() - tGen) / 1000;
          ctx.log(`seed: complaints ${i + 1}/${plan.length}, ${Math.round((i + 1) / s)} complaints/s`);
        }
      }
      // Let the pending write progress (its queries are chained on promise resolutions).
      if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
    }
    await pending;
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('complaints', 'id'), greatest((select max(id) from complaints), 1))`,
    );
    // Link every new complaint to its building, household and facility with intake's own linker.
    const tLink = performance.now();
    // Fresh tables have no statistics yet: without them the planner scans instead of using the GiST indexes.
    await tx.execute(sql`analyze buildings, households, facilities, grids`);
    const gazetteer = await loadGazetteer(tx);
    let afterId = firstId - 1;
    let linked = 0;
    for (;;) {
      const r = await relinkComplaints(tx, { afterId, limit: BATCH, gazetteer });
      if (r.lastId === null) break;
      afterId = r.lastId;
      linked += r.updated;
    }
    ctx.log(
      `seed: complaints linked (${linked} with a building or facility) in ${((performance.now() - tLink) / 1000).toFixed(1)} s`,
    );
    await insertClues(tx as unknown as Db, world, state, patterns, ctx);
  });
  const secs = (performance.now() - tGen) / 1000;
  ctx.log(
    `seed: complaints ${plan.length} in ${secs.toFixed(1)} s (${Math.round(plan.length / secs)} complaints/s); ` +
      `planted: ${patterns.hotCompounds.length} hot compounds, water burst ${patterns.water?.count ?? 0} in ${patterns.waterVillage}, ` +
      `health ${state.streamIds.health?.length ?? 0} at ${patterns.health?.ids.length ?? 0} centres`,
  );
}

async function insertClues(
  db: Db,
  world: World,
  state: GenState,
  patterns: ReturnType<typeof choosePatterns>,
  ctx: SeedContext,
): Promise<void> {
  const clues: {
    kind: string;
    title: string;
    summary: string;
    score: number;
    status: string;
    office: number | null;
    division: string | null;
    evidence: Record<string, unknown>;
    at: number;
    ids: number[];
  }[] = [];
  const fac = (id: number) => world.facilities.find((f) => f.id === id)!;
  const now = ctx.now.getTime();
  if (patterns.health) {
    const ids = state.streamIds.health!;
    clues.push({
      kind: 'facility_pattern',
      title: '西区6个社区卫生服务中心均被反映药品贵、就医环境差、医疗设备老旧',
      summary:
        '辖区内的6个社区卫生服务中心均存在药品价格偏高、就医环境差、医疗设备老旧等问题，同类诉求跨中心集中出现，指向行业主管部门（区卫生健康局）。建议核查药品进销存、违规拆分项目和医疗设备采购。',
      score: 0.95,
      status: 'filed',
      office: state.officeIdByCode.get(`${WEST_DISTRICT}-WJJ`) ?? null,
      division: WEST_DISTRICT,
      evidence: {
        facilityIds: patterns.health.ids,
        facilities: patterns.health.ids.map((i) => fac(i).name),
        complaints: ids.length,
        categories: ['WJ01', 'WJ02', 'WJ03'],
      },
      at: Math.min(now, patterns.health.peakUntil - 15 * DAY),
      ids,
    });
  }
  for (const hc of patterns.hotCompounds) {
    const f = fac(hc.id);
    clues.push({
      kind: 'property_hotspot',
      title: `${f.name}物业纠纷诉求高发`,
      summary: `${f.name}（物业服务企业：${f.operator}）物业类诉求数量为各小区中位数的数倍，且呈上升趋势，涉及服务质量、收费和公共维修资金使用，需核查监管部门履职情况。`,
      score: 0.8,
      status: 'verifying',
      office: f.supervisingOfficeId,
      division: f.village,
      evidence: { facilityId: f.id, operator: f.operator, complaints: hc.count },
      at: now - 20 * DAY,
      ids: [],
    });
  }
  if (patterns.water && patterns.waterVillage) {
    const v = world.villages.get(patterns.waterVillage)!;
    clues.push({
      kind: 'burst',
      title: `${v.name.replace(/村民委员会$/, '')}生产生活用水短缺诉求集中爆发`,
      summary:
        '同一村短期内集中反映没有水喝、生产生活用水严重短缺。乡镇政府首接、负责施工组织，县水利局、财政局协办、负责资金保障；经核查资金审批流程合规，输水管道已建成投用。',
      score: 0.6,
      status: 'dismissed',
      office: state.officeIdByCode.get(`${v.county}-CZJ`) ?? null,
      division: v.code,
      evidence: { villageCode: v.code, complaints: state.streamIds.water!.length, from: patterns.water.from },
      at: Math.min(now, patterns.water.to + 3 * DAY),
      ids: state.streamIds.water!,
    });
  }
  for (const id of state.misconductIds.slice(0, 3)) {
    clues.push({
      kind: 'misconduct_report',
      title: '群众反映基层干部作风和违规问题',
      summary: '群众通过平台反映基层干部吃拿卡要、优亲厚友等问题，已转纪检监察机关核查。',
      score: 0.5,
      status: 'new',
      office: null,
      division: null,
      evidence: { complaintId: id },
      at: now - 2 * DAY,
      ids: [id],
    });
  }
  // Link property clues to their compound's 物业 complaints in SQL (cheaper than tracking them here).
  for (let i = 0; i < clues.length; i++) {
    const c = clues[i]!;
    const code = `XS${new Date(c.at + CST).getUTCFullYear()}${String(i + 1).padStart(4, '0')}`;
    const row = await queryRow<{ id: number }>(
      db,
      sql`insert into clues (code, kind, title, summary, score, status, suspected_office_id, division_code, evidence,
            created_by_user_id, created_at, updated_at)
          values (${code}, ${c.kind}, ${c.title}, ${c.summary}, ${c.score}, ${c.status}::clue_status, ${c.office},
            ${c.division}, ${JSON.stringify(c.evidence)}::jsonb,
            ${c.division ? (world.inspectorByDivision.get(c.division.slice(0, 6).padEnd(12, '0')) ?? null) : null},
            to_timestamp(${c.at} / 1000.0), to_timestamp(${c.at} / 1000.0))
          returning id`,
    );
    if (c.kind === 'property_hotspot') {
      await db.execute(sql`insert into clue_complaints (clue_id, complaint_id)
        select ${row!.id}, id from complaints where facility_id = ${c.evidence.facilityId as number}
          and category_code like 'WY%'`);
    } else if (c.ids.length) {
      await db.execute(sql`insert into clue_complaints (clue_id, complaint_id)
        select ${row!.id}, unnest(${sql.param(c.ids)}::bigint[])`);
    }
  }
}
