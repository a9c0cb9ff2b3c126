/**
 * One complaint from a plan item: where, what, who, how it was routed, and its whole life up to
 * `now` (events, status, timestamps, rating, supervision letter, spot check, follow-up visit).
 */
import { formatZhDeadlineDate } from '../../../lib/format/date-time';
import { addDays, cstDate, pickPolicy, type WorkCalendar } from '../../../lib/sla/compute-deadlines';
import type { Rng } from '../context';
import { CATEGORIES, type Tier } from '../corpus/categories';
import { ROAD_NAMES } from '../corpus/places';
import {
  CLOSERS,
  FIRST_REPLIES,
  OPENERS,
  RATING_COMMENTS,
  REJECTIONS,
  RESOLUTIONS,
  RETURN_REASONS,
  TEXTS,
} from '../corpus/texts';
import { shortTownName, shortVillageName } from '../organisation';
import type { Batch } from './batch';
import type { PlanItem } from './plan';
import type { Route } from './routing';
import { trackingCode } from './tracking-code';
import type { Building, Facility, Village, World } from './world';

const H = 3_600_000;
const DAY = 24 * H;

/**
 * Level-1 categories with the level-2 ones the generator has wording for (texts.ts); categories added
 * later (e.g. ZJ06 房产开发与产权) exist for triage and routing but are not generated, so the demo's
 * seeded sequence stays the same.
 */
const L1 = new Map(
  CATEGORIES.map((c) => [c.code, { ...c, children: c.children.filter((s) => TEXTS[s.code]) }]),
);
const L2 = new Map(CATEGORIES.flatMap((c) => c.children.map((s) => [s.code, { ...s, parent: c }] as const)));
/** Categories whose problem sits in a home or building rather than in public space. */
const AT_HOME = /^(ZJ0[1-4]|WY|SD0[1-4]|AQ0[12]|HB01|QT|MZ0[134]|SL01|SL04|NY03)/;
/** Categories that usually name a facility of a kind in the same town. */
const FACILITY_KIND: Record<string, [string[], number]> = {
  WJ: [['community_health_centre', 'hospital'], 0.6],
  JY: [['school', 'kindergarten'], 0.6],
  SC: [['market'], 0.4],
  MZ02: [['elderly_care'], 0.8],
};
const CHANNELS: [string, number][] = [
  ['wechat', 58],
  ['web', 12],
  ['hotline', 14],
  ['grid_worker', 11],
  ['walk_in', 5],
];
const TIMES = ['晚上十点', '晚上十一点', '凌晨一点', '早上六点', '中午十二点', '昨天下午'];
const GROUPS = ['马道子组', '上村组', '大湾组', '新房子组', '坪子组', '河边组'];
const TIER_UP: Record<Tier, Tier> = { village: 'town', town: 'county', county: 'town' };

/** The planted 推诿扯皮 pattern: 用水用电 cases of 仁和区仁和镇 passed back and forth (README). */
const BUCK_TOWN = '510411100000';
const BUCK_CATEGORY = 'SD';
const BUCK_TRANSFER_REASON = '村组供水管网和低压线路由乡镇负责日常维护，转回属地办理。';
const BUCK_RETURN_REASON = '供水、供电设施产权和维修资金不在乡镇，请由县级主管部门办理。';
const URGENCY_ZH: Record<string, string> = { extra_urgent: '特急', urgent: '紧急', normal: '一般' };

export interface GenState {
  nextId: number;
  codes: Set<string>;
  /** `${village}|${level1}` → [id, submittedAt] of the last complaint, for merges. */
  lastByVillageCat: Map<string, [number, number]>;
  letterSeq: number;
  officeIdByCode: Map<string, number>;
  calendar: WorkCalendar;
  deadlineCache: Map<string, number>;
  policyCache: Map<string, World['policies'][number]>;
  waterVillage: string | null;
  /** Ids per stream, for tests and clues. */
  streamIds: Record<string, number[]>;
  misconductIds: number[];
}

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1]![0];
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
}

function deadline(state: GenState, from: number, days: number, working: boolean): number {
  const key = `${cstDate(new Date(from))}|${days}|${working ? 1 : 0}`;
  let v = state.deadlineCache.get(key);
  if (v === undefined) {
    v = addDays(new Date(from), days, working, state.calendar).getTime();
    state.deadlineCache.set(key, v);
  }
  return v;
}

interface Step {
  t: number;
  type: string;
  to?: string;
  office: number | null;
  note: string | null;
  pub: boolean;
  data?: Record<string, unknown>;
}

export function generateComplaint(
  rng: Rng,
  world: World,
  state: GenState,
  item: PlanItem,
  now: number,
  batch: Batch,
): void {
  const id = state.nextId++;
  const t0 = item.t;
  // ---- where and what -------------------------------------------------------------------------
  let village: Village;
  let building: Building | null = null;
  let household: number | null = null;
  let facility: Facility | null = null;
  let category: string;
  let urgency = 'normal';
  let kind: 'complaint' | 'misconduct' = 'complaint';
  let groupName: string | null = null;
  const pickHousehold = (v: Village): void => {
    if (v.households.length === 0) return;
    household = rng.pick(v.households);
    building = world.buildings.get(world.households.get(household)!.buildingId) ?? null;
  };
  if (item.stream === 'property' || item.stream === 'health') {
    facility = world.facilities.find((f) => f.id === item.target) ?? null;
    village = world.villages.get(facility!.village)!;
    if (item.stream === 'property') {
      const inside = facility!.buildingIds
        .map((b) => world.buildings.get(b)!)
        .filter((b) => b?.households.length);
      building = inside.length ? rng.pick(inside) : (world.buildings.get(facility!.buildingId ?? -1) ?? null);
      household = building?.households.length ? rng.pick(building.households) : null;
      category = weighted(rng, [
        ['WY01', 40],
        ['WY02', 25],
        ['WY03', 10],
        ['WY04', 12],
        ['WY05', 13],
      ]);
    } else {
      category = weighted(rng, [
        ['WJ01', 45],
        ['WJ02', 30],
        ['WJ03', 25],
      ]);
    }
  } else if (item.stream === 'water') {
    village = world.villages.get(state.waterVillage!)!;
    pickHousehold(village);
    category = 'SL01';
    urgency = 'urgent';
    groupName = rng.next() < 0.6 ? GROUPS[0]! : rng.pick(GROUPS);
  } else {
    const hh = world.householdIds.length ? rng.pick(world.householdIds) : null;
    if (hh !== null) {
      household = hh;
      building = world.buildings.get(world.households.get(hh)!.buildingId) ?? null;
      village = world.villages.get(building!.village)!;
    } else village = rng.pick(world.villageList);
    if (rng.next() < 0.006) {
      kind = 'misconduct';
      category = rng.pick(L1.get('JJ')!.children).code;
    } else {
      const rural = village.rural;
      const top = weighted(
        rng,
        CATEGORIES.filter((c) => c.weight > 0).map((c): [string, number] => {
          let w = c.weight;
          if (rural && c.code === 'WY') w *= 0.05;
          if (rural && (c.code === 'NY' || c.code === 'SL')) w *= 3;
          if (rural && c.code === 'CG') w *= 0.3;
          if (!rural && c.code === 'NY') w *= 0.1;
          return [c.code, w];
        }),
      );
      category = rng.pick(L1.get(top)!.children).code;
      if (top === 'WY' && rng.next() < 0.85) {
        // 物业 problems come from compounds: move to a compound building of the same village.
        const inCompound = village.buildings.filter((b) => b.compoundId !== null && b.households.length);
        if (inCompound.length) {
          building = rng.pick(inCompound);
          household = rng.pick(building.households);
        }
      }
      if ((building as Building | null)?.compoundId && top === 'WY')
        facility = world.facilities.find((f) => f.id === (building as Building).compoundId) ?? null;
      const fk = FACILITY_KIND[category] ?? FACILITY_KIND[top];
      if (fk && !facility && rng.next() < fk[1]) {
        const options = fk[0].flatMap((k) => world.facilitiesByTownKind.get(`${village.town}|${k}`) ?? []);
        if (options.length) facility = rng.pick(options);
      }
      if (category === 'AQ02' && rng.next() < 0.3) urgency = 'extra_urgent';
      else if (/^(SD01|SD02|SL01|AQ03)$/.test(category) && rng.next() < 0.35) urgency = 'urgent';
      else if (rng.next() < 0.05) urgency = 'urgent';
      else if (rng.next() < 0.008) urgency = 'extra_urgent';
    }
  }
  const sub = L2.get(category)!;
  const top = sub.parent;
  // ---- location --------------------------------------------------------------------------------
  let lng: number;
  let lat: number;
  let gridId: number | null = null;
  let buildingId: number | null = null;
  let householdId: number | null = null;
  const b = building as Building | null;
  if (facility && item.stream !== 'property' && top.code !== 'WY') {
    lng = facility.lng;
    lat = facility.lat;
    buildingId = facility.buildingId;
    const fb = buildingId !== null ? world.buildings.get(buildingId) : undefined;
    gridId = fb?.gridId ?? b?.gridId ?? null;
    if (!fb) {
      const pp = village.publicPoints.length ? rng.pick(village.publicPoints) : null;
      gridId = pp?.[2] ?? gridId;
    }
    if (fb && fb.village !== facility.village) gridId = fb.gridId;
    village = world.villages.get(facility.village) ?? village;
  } else if (b && (AT_HOME.test(category) || village.publicPoints.length === 0 || kind === 'misconduct')) {
    lng = b.lng;
    lat = b.lat;
    gridId = b.gridId;
    buildingId = b.id;
    householdId = household;
  } else {
    const pp = village.publicPoints.length
      ? rng.pick(village.publicPoints)
      : ([b?.lng ?? 101.7, b?.lat ?? 26.58, b?.gridId ?? 0] as [number, number, number]);
    lng = pp[0];
    lat = pp[1];
    gridId = pp[2] || null;
  }
  // ---- text --------------------------------------------------------------------------------------
  const place = groupName ? `${shortVillageName(village.name)}${groupName}` : shortVillageName(village.name);
  const townName = shortTownName(world.divisionNames.get(village.town) ?? '');
  const compound = b?.compoundId ? world.facilities.find((f) => f.id === b.compoundId) : undefined;
  const slots: Record<string, string> = {
    place,
    town: townName,
    addr: b?.address ?? place,
    compound: compound?.name ?? facility?.name ?? `${place}小区`,
    road: rng.pick(ROAD_NAMES),
    facility: facility?.name ?? `${townName}卫生院`,
    company: compound?.operator ?? facility?.operator ?? '物业公司',
    days: String(rng.int(2, 30)),
    n: String(rng.int(2, 9)),
    hours: String(rng.int(3, 48)),
    time: rng.pick(TIMES),
    money: String(rng.int(2, 30)),
  };
  const texts = TEXTS[category]!;
  const title = fill(rng.pick(texts.titles), slots);
  const description = `${rng.pick(OPENERS)}${fill(rng.pick(texts.bodies), slots)}${rng.pick(CLOSERS)}`;
  // ---- who and how -----------------------------------------------------------------------------------
  let channel = weighted(rng, CHANNELS);
  let reportedBy: number | null = null;
  if (channel === 'grid_worker') {
    reportedBy = gridId !== null ? (world.gridWorkerByGrid.get(gridId) ?? null) : null;
    if (reportedBy === null)
      channel = weighted(
        rng,
        CHANNELS.filter(([c]) => c !== 'grid_worker'),
      );
  }
  if (kind === 'misconduct' && channel === 'grid_worker') channel = 'wechat';
  const anonymous = kind === 'misconduct' ? rng.next() < 0.6 : rng.next() < 0.07;
  const person = household !== null ? world.households.get(household) : undefined;
  // ---- triage and routing -----------------------------------------------------------------------------
  let tier: Tier = kind === 'misconduct' ? (rng.next() < 0.7 ? 'town' : 'county') : sub.tier;
  if (kind === 'complaint' && item.stream === 'base' && rng.next() < 0.1) tier = TIER_UP[tier];
  const route: Route | null = world.router.resolve(category, tier, village.code);
  const policyKey = `${category}|${tier}|${urgency}`;
  let policy = state.policyCache.get(policyKey);
  if (!policy) {
    policy = pickPolicy(world.policies, {
      categoryCode: category,
      parentCategoryCode: top.code,
      tier,
      urgencyCode: urgency,
    })!;
    state.policyCache.set(policyKey, policy);
  }
  const dispatchDue = t0 + policy.dispatchHours * H;
  const firstReplyDue = Math.max(dispatchDue, deadline(state, t0, policy.firstReplyDays, policy.workingDays));
  const resolveDue = Math.max(firstReplyDue, deadline(state, t0, policy.resolveDays, policy.workingDays));
  const triageReason = `${top.zh}/${sub.zh}（${URGENCY_ZH[urgency]}）：${
    urgency === 'normal'
      ? '按一般诉求办理'
      : category === 'SL01'
        ? '涉及群众饮水安全，分到“水利”紧急类'
        : '涉及人身财产安全或基本生活，提级办理'
  }；承办层级：${tier === 'county' ? '区/县' : tier === 'town' ? '镇/街道' : '村/社区'}`;

  // ---- life ------------------------------------------------------------------------------------
  const steps: Step[] = [];
  const officeOf = (r: Route | null) => r?.office.id ?? null;
  let office = officeOf(route);
  let routeNow = route;
  const officeName = () => routeNow?.office.name ?? '承办单位';
  const misconduct = kind === 'misconduct';
  steps.push({ t: t0, type: 'submitted', to: 'received', office: null, note: '诉求已提交', pub: true });
  const tTriage = t0 + (2 + rng.next() * 88) * 60_000;
  steps.push({
    t: tTriage,
    type: 'triaged',
    to: 'triaged',
    office: null,
    note: null,
    pub: false,
    data: { category, urgency, tier },
  });
  let mergedInto: number | null = null;
  let reopenCount = 0;
  let returnCount = 0;
  const mergeKey = `${village.code}|${top.code}`;
  const prev = state.lastByVillageCat.get(mergeKey);
  const u = rng.next();
  let closedAt: number | null = null;
  let letter: { t: number } | null = null;
  if (!misconduct && item.stream === 'base' && prev && t0 - prev[1] < 30 * DAY && u < 0.02) {
    mergedInto = prev[0];
    const tm = tTriage + (0.5 + rng.next() * 6) * H;
    steps.push({
      t: tm,
      type: 'merged',
      to: 'merged',
      office: null,
      note: `与同一问题的诉求合并办理`,
      pub: true,
      data: { mergedInto },
    });
    closedAt = tm;
  } else if (!misconduct && item.stream === 'base' && u > 0.985) {
    const tr = tTriage + (1 + rng.next() * 20) * H;
    steps.push({
      t: tr,
      type: 'rejected',
      to: 'rejected',
      office: null,
      note: rng.pick(REJECTIONS),
      pub: true,
    });
    closedAt = tr;
  } else {
    let tDispatch = tTriage + (5 + rng.next() * 235) * 60_000;
    if (rng.next() < 0.03) tDispatch = dispatchDue + rng.next() * policy.dispatchHours * H;
    const coNames = routeNow?.coOffices.map((o) => o.name).join('、');
    steps.push({
      t: tDispatch,
      type: 'dispatched',
      to: 'dispatched',
      office,
      note: misconduct ? null : `已转办至${officeName()}${coNames ? `，协办：${coNames}` : ''}`,
      pub: !misconduct,
      data: { officeId: office, coOfficeIds: routeNow?.coOffices.map((o) => o.id) ?? [] },
    });
    let tAccept = tDispatch + (0.2 + rng.next() * 20) * H;
    // 推诿扯皮 (planted): 用水用电 in 仁和镇 bounces between the first office and the one above it.
    const buck = !misconduct && category.startsWith(BUCK_CATEGORY) && village.town === BUCK_TOWN;
    if (!misconduct && item.stream === 'base' && rng.next() < (buck ? 0.5 : 0.04)) {
      // 退单: the first office returns a mis-routed case; the platform re-dispatches one tier up/down.
      const tRet = tDispatch + (2 + rng.next() * 28) * H;
      steps.push({
        t: tRet,
        type: 'returned',
        to: 'returned',
        office,
        note: '承办单位申请退回，平台重新派单中',
        pub: true,
        data: { reason: rng.pick(RETURN_REASONS), officeId: office },
      });
      const first = office;
      const firstName = officeName();
      const alt = world.router.resolve(category, TIER_UP[tier], village.code);
      if (alt) {
        routeNow = alt;
        office = alt.office.id;
      }
      returnCount = 1;
      const tRe = tRet + (1 + rng.next() * 6) * H;
      steps.push({
        t: tRe,
        type: 'dispatched',
        to: 'dispatched',
        office,
        note: `已重新转办至${officeName()}`,
        pub: true,
        data: { officeId: office, redispatch: true },
      });
      tAccept = tRe + (0.2 + rng.next() * 12) * H;
      if (buck && alt && first !== null && first !== office) {
        // …accepted, transferred back to the first office, returned by it again, re-dispatched:
        // fixed offsets (no extra draws), so every other complaint of the seed stays as it was.
        const tBack = tAccept + 20 * H;
        const tRet2 = tBack + 18 * H;
        const tRe2 = tRet2 + 3 * H;
        steps.push(
          { t: tAccept, type: 'accepted', to: 'accepted', office, note: `${officeName()}已受理`, pub: true },
          {
            t: tBack,
            type: 'transferred',
            to: 'transferred',
            office,
            note: `已转至${firstName}办理`,
            pub: true,
            data: { reason: BUCK_TRANSFER_REASON, fromOfficeId: office, officeId: first },
          },
          {
            t: tRet2,
            type: 'returned',
            to: 'returned',
            office: first,
            note: '承办单位申请退回，平台重新派单中',
            pub: true,
            data: { reason: BUCK_RETURN_REASON, officeId: first },
          },
          {
            t: tRe2,
            type: 'dispatched',
            to: 'dispatched',
            office,
            note: `已重新转办至${officeName()}`,
            pub: true,
            data: { officeId: office, redispatch: true },
          },
        );
        returnCount = 2;
        tAccept = tRe2 + 2 * H;
      }
    }
    steps.push({
      t: tAccept,
      type: 'accepted',
      to: 'accepted',
      office,
      note: misconduct ? '已受理' : `${officeName()}已受理`,
      pub: true,
    });
    const tReply =
      rng.next() < 0.92
        ? tAccept + Math.max(0.5 * H, (firstReplyDue - tAccept) * (0.05 + rng.next() * 0.8))
        : firstReplyDue + (2 + rng.next() * 70) * H;
    const replyNote = misconduct
      ? '已受理，将依规依纪开展核查。'
      : fill(rng.pick(FIRST_REPLIES), { days: String(policy.resolveDays), office: officeName() });
    steps.push({ t: tReply, type: 'replied', to: 'in_progress', office, note: replyNote, pub: true });
    // resolution plan
    let tResolve: number;
    const late = item.stream === 'water' ? rng.next() < 0.7 : rng.next() > 0.935;
    if (item.stream === 'water') {
      // "一个月后，12余万元输水管道建设资金顺利获批": fixed about five weeks after the burst started.
      tResolve = Math.max(tReply + 4 * H, t0 + (28 + rng.next() * 14) * DAY);
    } else if (late)
      tResolve = resolveDue + (rng.next() < 0.7 ? 0.5 + rng.next() * 10 : 10 + rng.next() * 50) * DAY;
    else tResolve = tDispatch + (resolveDue - tDispatch) * (0.1 + rng.next() * 0.85);
    tResolve = Math.max(tResolve, tReply + (0.5 + rng.next() * 24) * H);
    if (tResolve > resolveDue && !misconduct) {
      const tLetter = resolveDue + (1 + rng.next() * 20) * H;
      if (tLetter < tResolve) {
        letter = { t: tLetter };
        steps.push({
          t: tLetter,
          type: 'supervised',
          office: null,
          note: null,
          pub: false,
          data: { letter: true },
        });
        if (item.stream === 'base' && rng.next() < 0.3 && tier !== 'county') {
          const tEsc = tLetter + (2 + rng.next() * 24) * H;
          const up = world.router.resolve(category, 'county', village.code);
          if (up && tEsc < tResolve) {
            routeNow = up;
            office = up.office.id;
            steps.push({
              t: tEsc,
              type: 'escalated',
              to: 'escalated',
              office,
              note: `已提级至${officeName()}办理`,
              pub: true,
            });
            steps.push({
              t: tEsc + (1 + rng.next() * 12) * H,
              type: 'accepted',
              to: 'in_progress',
              office,
              note: `${officeName()}已受理`,
              pub: true,
            });
          }
        }
      }
    }
    const resolution = () =>
      fill(
        rng.next() < 0.6 && RESOLUTIONS[top.code]
          ? rng.pick(RESOLUTIONS[top.code]!)
          : rng.pick(RESOLUTIONS.default!),
        { office: officeName() },
      );
    steps.push({
      t: tResolve,
      type: 'resolved',
      to: 'resolved',
      office,
      note: item.stream === 'water' ? RESOLUTIONS.SL![0]! : resolution(),
      pub: true,
    });
    // rating, reopen, close
    let tLast = tResolve;
    for (let round = 1; round <= 2; round++) {
      if (!misconduct && rng.next() < 0.75) {
        const tRate = tLast + (0.1 + rng.next() * 72) * H;
        const level =
          round === 1
            ? weighted(rng, [
                ['satisfied', 86],
                ['basically_satisfied', 10.3],
                ['unsatisfied', 3.7],
              ])
            : weighted(rng, [
                ['satisfied', 60],
                ['basically_satisfied', 32],
                ['unsatisfied', 8],
              ]);
        steps.push({ t: tRate, type: 'rated', office: null, note: null, pub: true, data: { level, round } });
        if (tRate <= now) {
          batch.ratings.complaintId.push(id);
          batch.ratings.round.push(round);
          batch.ratings.level.push(level);
          batch.ratings.comment.push(
            rng.pick(RATING_COMMENTS[level as keyof typeof RATING_COMMENTS]) || null,
          );
          batch.ratings.at.push(tRate);
        }
        if (level === 'unsatisfied' && round === 1 && rng.next() < 0.7) {
          const tReo = tRate + (0.1 + rng.next() * 2) * H;
          steps.push({
            t: tReo,
            type: 'reopened',
            to: 'reopened',
            office,
            note: '群众不满意，诉求重新办理',
            pub: true,
          });
          steps.push({
            t: tReo + (1 + rng.next() * 20) * H,
            type: 'accepted',
            to: 'in_progress',
            office,
            note: `${officeName()}重新受理`,
            pub: true,
          });
          const t2 = tReo + (2 + rng.next() * 10) * DAY;
          steps.push({ t: t2, type: 'resolved', to: 'resolved', office, note: resolution(), pub: true });
          reopenCount = 1;
          tLast = t2;
          continue;
        }
        const tc = tRate + (0.5 + rng.next() * 24) * H;
        steps.push({ t: tc, type: 'closed', to: 'closed', office: null, note: '诉求已办结', pub: true });
        closedAt = tc;
        break;
      }
      const tc = tLast + 7 * DAY;
      steps.push({
        t: tc,
        type: 'closed',
        to: 'closed',
        office: null,
        note: '群众未评价，7日后自动办结',
        pub: true,
      });
      closedAt = tc;
      break;
    }
  }
  if (mergedInto === null) state.lastByVillageCat.set(mergeKey, [id, t0]);

  // ---- cut at now: status and timestamps --------------------------------------------------------------
  steps.sort((a, b) => a.t - b.t);
  let status = 'received';
  let triagedAt: number | null = null;
  let dispatchedAt: number | null = null;
  let acceptedAt: number | null = null;
  let firstRepliedAt: number | null = null;
  let lastResolved: number | null = null;
  let lastT = t0;
  let officeAtNow: number | null = null;
  for (const s of steps) {
    if (s.t > now) break;
    const from = s.type === 'submitted' ? null : status;
    if (s.to) status = s.to;
    lastT = s.t;
    if (s.type === 'triaged') triagedAt = s.t;
    if (s.type === 'dispatched') {
      dispatchedAt ??= s.t;
      officeAtNow = s.office;
    }
    if (s.type === 'escalated') officeAtNow = s.office;
    if (s.type === 'transferred') officeAtNow = (s.data?.officeId as number | undefined) ?? officeAtNow;
    if (s.type === 'accepted') acceptedAt ??= s.t;
    if (s.type === 'replied') firstRepliedAt ??= s.t;
    if (s.type === 'resolved') lastResolved = s.t;
    const handler = s.office !== null ? (world.handlerByOffice.get(s.office) ?? null) : null;
    const data = s.data ?? null;
    batch.events.complaintId.push(id);
    batch.events.type.push(s.type);
    batch.events.from.push(from);
    batch.events.to.push(s.to ?? status);
    batch.events.actorUser.push(s.type === 'submitted' ? reportedBy : handler);
    batch.events.actorOffice.push(s.office);
    batch.events.note.push(s.note);
    batch.events.data.push(data ? JSON.stringify(data) : null);
    batch.events.public.push(misconduct ? s.pub && /submitted|accepted|closed/.test(s.type) : s.pub);
    batch.events.at.push(s.t);
  }
  const done = status === 'resolved' || status === 'closed';
  const closedNow = closedAt !== null && closedAt <= now ? closedAt : null;
  // ---- supervision letter -----------------------------------------------------------------------
  if (letter && letter.t <= now && officeAtNow !== null) {
    const o = world.router.offices.get(officeAtNow);
    const v = world.villages.get(village.code)!;
    const issuerCode = o?.tier === 'county' ? `${v.county}-JW` : `${v.town}-JW`;
    const issuer = state.officeIdByCode.get(issuerCode);
    if (issuer !== undefined) {
      state.letterSeq++;
      const code = `DB${new Date(letter.t).getUTCFullYear()}${String(state.letterSeq).padStart(6, '0')}`;
      const answeredAt =
        lastResolved !== null && lastResolved <= now
          ? Math.min(lastResolved, letter.t + (0.5 + rng.next() * 3) * DAY)
          : rng.next() < 0.4 && letter.t + 2 * DAY < now
            ? letter.t + (1 + rng.next() * 1) * DAY
            : null;
      const l = batch.letters;
      l.code.push(code);
      l.complaintId.push(id);
      l.office.push(officeAtNow);
      l.issuer.push(issuer);
      l.issuedBy.push(
        world.inspectorByDivision.get(o?.tier === 'county' ? v.county : v.town) ??
          world.inspectorByDivision.get(v.county) ??
          null,
      );
      l.reason.push(
        `诉求“${title}”已超过办结时限（${formatZhDeadlineDate(resolveDue)}），请于3个工作日内报告办理进度。`,
      );
      l.issuedAt.push(letter.t);
      l.dueAt.push(deadline(state, letter.t, 3, true));
      l.answeredAt.push(answeredAt !== null && answeredAt <= now ? answeredAt : null);
      l.answer.push(
        answeredAt !== null && answeredAt <= now ? '已收到督办函，已加快办理进度，问题已落实整改。' : null,
      );
    }
  }
  // ---- spot check and follow-up visit ---------------------------------------------------------------
  if (closedNow !== null && status === 'closed' && lastResolved !== null) {
    if (rng.next() < 0.05) {
      const sampled = closedNow + (1 + rng.next() * 15) * DAY;
      if (sampled <= now) {
        const checked = sampled + (1 + rng.next() * 10) * DAY;
        const s = batch.spotChecks;
        const failed = rng.next() < 0.08;
        s.complaintId.push(id);
        s.inspector.push(
          world.inspectorByDivision.get(village.county) ??
            world.inspectorByDivision.get(village.town) ??
            null,
        );
        s.sampledAt.push(sampled);
        s.result.push(checked <= now ? (failed ? 'failed' : 'passed') : 'pending');
        s.finding.push(
          checked <= now
            ? failed
              ? '回访核实问题未实际解决，存在“纸面办结”，已责令重新办理。'
              : '经电话回访和现场核查，问题已解决。'
            : null,
        );
        s.checkedAt.push(checked <= now ? checked : null);
      }
    }
    const visitor =
      (gridId !== null ? world.gridWorkerByGrid.get(gridId) : undefined) ??
      world.inspectorByDivision.get(village.town) ??
      world.inspectorByDivision.get(village.county);
    if (visitor !== undefined && rng.next() < 0.08) {
      const at = closedNow + (1 + rng.next() * 10) * DAY;
      if (at <= now) {
        const v = batch.visits;
        const unhappy = rng.next() < 0.06;
        v.complaintId.push(id);
        v.building.push(buildingId);
        v.household.push(householdId);
        v.visitor.push(visitor);
        v.method.push(
          weighted(rng, [
            ['phone', 60],
            ['in_person', 30],
            ['meeting', 10],
          ]),
        );
        v.outcome.push(unhappy ? '群众仍有意见，已反馈承办单位' : '群众表示问题已解决，满意');
        v.note.push(null);
        v.at.push(at);
      }
    }
  }
  // ---- the row ----------------------------------------------------------------------------------------
  let code = trackingCode(rng);
  while (state.codes.has(code)) code = trackingCode(rng);
  state.codes.add(code);
  const c = batch.c;
  c.id.push(id);
  c.tracking.push(code);
  c.kind.push(kind);
  c.channel.push(channel);
  c.title.push(title);
  c.description.push(description);
  c.category.push(category);
  c.urgency.push(urgency);
  c.triageReason.push(triageReason);
  c.lng.push(lng);
  c.lat.push(lat);
  // A resident at home writes their unit too: the linker finds the household through it.
  const unit = householdId !== null ? world.households.get(householdId)?.unit : undefined;
  c.address.push(
    b && buildingId === b.id
      ? unit
        ? `${b.address} ${unit}`
        : b.address
      : `${world.divisionNames.get(village.county) ?? ''}${townName}${shortVillageName(village.name)}${facility ? facility.name : '附近'}`,
  );
  c.county.push(village.county);
  c.town.push(village.town);
  c.village.push(village.code);
  c.grid.push(gridId);
  // Building, household and facility are not planted: the linker decides them after the write
  // (`relinkComplaints` in seedComplaints), from this point, text and address, as for any complaint.
  c.building.push(null);
  c.household.push(null);
  c.facility.push(null);
  c.anonymous.push(anonymous);
  c.reportedBy.push(reportedBy);
  c.status.push(status);
  c.office.push(triagedAt !== null && mergedInto === null ? (officeAtNow ?? office) : null);
  c.coOffices.push(`{${(routeNow?.coOffices ?? []).map((o) => o.id).join(',')}}`);
  c.routingReason.push(routeNow && mergedInto === null ? routeNow.reason : null);
  c.mergedInto.push(status === 'merged' ? mergedInto : null);
  c.reopenCount.push(reopenCount && steps.some((s) => s.type === 'reopened' && s.t <= now) ? 1 : 0);
  c.returnCount.push(steps.some((s) => s.type === 'returned' && s.t <= now) ? returnCount : 0);
  c.submittedAt.push(t0);
  c.triagedAt.push(triagedAt);
  c.dispatchedAt.push(dispatchedAt);
  c.acceptedAt.push(acceptedAt);
  c.firstRepliedAt.push(firstRepliedAt);
  c.resolvedAt.push(done ? lastResolved : null);
  c.closedAt.push(status === 'closed' || status === 'merged' || status === 'rejected' ? closedNow : null);
  c.dispatchDueAt.push(triagedAt !== null ? dispatchDue : null);
  c.firstReplyDueAt.push(triagedAt !== null ? firstReplyDue : null);
  c.resolveDueAt.push(triagedAt !== null ? resolveDue : null);
  c.updatedAt.push(lastT);
  if (!anonymous && person?.name) {
    batch.contacts.id.push(id);
    batch.contacts.name.push(person.name);
    batch.contacts.phone.push(person.phone);
    batch.contacts.last4.push(person.phone ? person.phone.slice(-4) : null);
  }
  state.streamIds[item.stream]!.push(id);
  if (misconduct) state.misconductIds.push(id);
}
