/**
 * Step 3: offices at the three tiers, the categories each handles, and the routing table (权责匹配).
 *
 * - county (区/县): `<county>-GOV` 人民政府, one department per `COUNTY_DEPARTMENTS` entry
 *   (`<county>-ZJJ` 住建局 …) and `<county>-JW` 纪委监委;
 * - town (镇/街道): `<town>-GOV` 乡镇人民政府 / 街道办事处 and `<town>-JW` 乡镇纪委 / 街道纪工委;
 * - village (村/社区): `<village>-CWH` 村民委员会 / 社区居民委员会.
 *
 * Routing rules are resolved by `resolveRoute` in `complaints/routing.ts` (documented in README).
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { officeCategories, offices, routingRules } from '../schema';
import { queryRows } from '../sql';
import type { SeedContext } from './context';
import { CATEGORIES, MISCONDUCT_CATEGORY } from './corpus/categories';
import {
  COUNTY_CO_HANDLERS,
  COUNTY_DEPARTMENTS,
  COUNTY_GOVERNMENT_CATEGORIES,
  COUNTY_L2_OVERRIDES,
  DISCIPLINE_CATEGORIES,
} from './corpus/offices';

interface DivisionRow extends Record<string, unknown> {
  code: string;
  parent_code: string | null;
  name: string;
  level: 'city' | 'county' | 'town' | 'village';
}

/** 格萨拉彝族乡 → 格萨拉彝族乡; 枣子坪街道办事处 → 枣子坪街道. */
export function shortTownName(name: string): string {
  return name.replace(/办事处$/, '').replace(/人民政府$/, '');
}

/** 韭菜坪村村民委员会 → 韭菜坪村; 东方红社区居民委员会 → 东方红社区. */
export function shortVillageName(name: string): string {
  return name.replace(/(村民委员会|居民委员会|委员会)$/, '').replace(/村村$/, '村');
}

function villageCommitteeName(name: string): string {
  const short = shortVillageName(name);
  if (short.endsWith('社区')) return `${short}居民委员会`;
  if (short.endsWith('村')) return `${short}村民委员会`;
  return `${short}居民委员会`;
}

function phoneFor(rng: SeedContext['rng']): string {
  return `0812-${rng.int(3, 8)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
}

export async function seedOffices(db: Db, ctx: SeedContext): Promise<void> {
  const rng = ctx.rng;
  const divisions = await queryRows<DivisionRow>(
    db,
    sql`select code, parent_code, name, level::text as level from divisions order by code`,
  );
  const counties = divisions.filter((d) => d.level === 'county');
  const towns = divisions.filter((d) => d.level === 'town');
  const villages = divisions.filter((d) => d.level === 'village');
  const level1 = CATEGORIES.map((c) => c.code);
  const civil = level1.filter((c) => !DISCIPLINE_CATEGORIES.includes(c));

  await db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    const insert = async (rows: (typeof offices.$inferInsert)[]) => {
      for (let i = 0; i < rows.length; i += 500) {
        const out = await tx
          .insert(offices)
          .values(rows.slice(i, i + 500))
          .returning({ id: offices.id, code: offices.code });
        for (const r of out) ids.set(r.code, r.id);
      }
    };
    // County tier: government and 纪委 first (parents), then departments.
    await insert(
      counties.flatMap((c) => [
        {
          code: `${c.code}-GOV`,
          name: `${c.name}人民政府`,
          kind: 'government' as const,
          tier: 'county' as const,
          divisionCode: c.code,
          phone: phoneFor(rng),
        },
        {
          code: `${c.code}-JW`,
          name: `${c.name}纪委监委`,
          kind: 'discipline' as const,
          tier: 'county' as const,
          divisionCode: c.code,
          phone: phoneFor(rng),
        },
      ]),
    );
    await insert(
      counties.flatMap((c) =>
        COUNTY_DEPARTMENTS.map((d) => ({
          code: `${c.code}-${d.suffix}`,
          name: `${c.name}${d.name}`,
          kind: 'department' as const,
          tier: 'county' as const,
          divisionCode: c.code,
          parentId: ids.get(`${c.code}-GOV`)!,
          phone: phoneFor(rng),
        })),
      ),
    );
    await insert(
      towns.flatMap((t) => {
        const name = shortTownName(t.name);
        const street = name.endsWith('街道');
        return [
          {
            code: `${t.code}-GOV`,
            name: street ? `${name}办事处` : `${name}人民政府`,
            kind: 'government' as const,
            tier: 'town' as const,
            divisionCode: t.code,
            parentId: ids.get(`${t.parent_code}-GOV`) ?? null,
            phone: phoneFor(rng),
          },
          {
            code: `${t.code}-JW`,
            name: street ? `${name}纪工委` : `${name}纪委`,
            kind: 'discipline' as const,
            tier: 'town' as const,
            divisionCode: t.code,
            parentId: ids.get(`${t.parent_code}-JW`) ?? null,
            phone: phoneFor(rng),
          },
        ];
      }),
    );
    await insert(
      villages.map((v) => ({
        code: `${v.code}-CWH`,
        name: villageCommitteeName(v.name),
        kind: 'committee' as const,
        tier: 'village' as const,
        divisionCode: v.code,
        parentId: ids.get(`${v.parent_code}-GOV`) ?? null,
        phone: `1${rng.pick(['38', '39', '58', '59', '80', '82', '87'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      })),
    );

    // office_categories
    const oc: { officeId: number; categoryCode: string }[] = [];
    const add = (code: string, cats: string[]) => {
      const id = ids.get(code);
      if (id !== undefined) for (const c of cats) oc.push({ officeId: id, categoryCode: c });
    };
    for (const c of counties) {
      add(`${c.code}-GOV`, COUNTY_GOVERNMENT_CATEGORIES);
      add(`${c.code}-JW`, DISCIPLINE_CATEGORIES);
      for (const d of COUNTY_DEPARTMENTS) add(`${c.code}-${d.suffix}`, d.categories);
    }
    for (const t of towns) {
      add(`${t.code}-GOV`, civil);
      add(`${t.code}-JW`, DISCIPLINE_CATEGORIES);
    }
    for (const v of villages) add(`${v.code}-CWH`, civil);
    for (let i = 0; i < oc.length; i += 2000) await tx.insert(officeCategories).values(oc.slice(i, i + 2000));

    await insertRoutingRules(tx, ids, counties, towns, level1);
    ctx.log(`seed: offices ${ids.size}, office_categories ${oc.length}`);
  });
}

async function insertRoutingRules(
  tx: Tx,
  ids: Map<string, number>,
  counties: DivisionRow[],
  towns: DivisionRow[],
  level1: string[],
): Promise<void> {
  type Rule = typeof routingRules.$inferInsert;
  const rules: Rule[] = [];
  const tiers = ['county', 'town', 'village'] as const;
  // 1. Generic: the office of that tier serving the complaint's division (属地管理).
  for (const cat of level1) {
    for (const tier of tiers) {
      if (cat === MISCONDUCT_CATEGORY && tier === 'village') continue;
      rules.push({
        categoryCode: cat,
        tier,
        divisionCode: null,
        officeId: null,
        priority: 0,
        note:
          cat === MISCONDUCT_CATEGORY
            ? '违纪违法线索：由该层级纪检监察机关受理'
            : '属地管理：由该层级服务诉求所在地、负责该类事项的单位首接',
      });
    }
  }
  for (const c of counties) {
    const dept = (suffix: string) => ids.get(`${c.code}-${suffix}`)!;
    // 2. County tier: the line department for each level-1 category.
    for (const cat of CATEGORIES) {
      if (cat.code === MISCONDUCT_CATEGORY) {
        rules.push({
          categoryCode: cat.code,
          tier: 'county',
          divisionCode: c.code,
          officeId: ids.get(`${c.code}-JW`)!,
          priority: 10,
          note: `${c.name}纪委监委受理违纪违法线索`,
        });
        continue;
      }
      const spec = COUNTY_DEPARTMENTS.find((d) => d.categories.includes(cat.code));
      const officeId = spec ? dept(spec.suffix) : ids.get(`${c.code}-GOV`)!;
      rules.push({
        categoryCode: cat.code,
        tier: 'county',
        divisionCode: c.code,
        officeId,
        priority: 10,
        note: spec ? `行业主管：${c.name}${spec.name}` : `${c.name}人民政府统筹`,
      });
      // 3. Level-2 overrides and co-handlers.
      for (const s of cat.children) {
        const override = COUNTY_L2_OVERRIDES[s.code];
        const co = COUNTY_CO_HANDLERS[s.code];
        if (!override && !co) continue;
        const main = override ? dept(override) : officeId;
        rules.push({
          categoryCode: s.code,
          tier: 'county',
          divisionCode: c.code,
          officeId: main,
          coOfficeIds: (co ?? []).map(dept).filter((id) => id !== main),
          priority: 10,
          note: `${s.zh}：${override ? '由主管部门首接' : '行业主管部门首接'}${co ? '，相关部门协办' : ''}`,
        });
      }
    }
    // 4. Drinking water at town tier: the town government leads (施工组织), the county water and
    //    finance bureaus co-handle (资金保障), as in the 格萨拉乡 case of the source article.
    rules.push({
      categoryCode: 'SL01',
      tier: 'town',
      divisionCode: c.code,
      officeId: null,
      coOfficeIds: [dept('SLJ'), dept('CZJ')],
      priority: 20,
      note: '饮水短缺：乡镇政府首接、负责施工组织；县(区)水利局、财政局协办、负责资金保障',
    });
  }
  // 5. Misconduct about village cadres: the town 纪委 (no discipline body at village tier).
  for (const t of towns) {
    const jw = ids.get(`${t.code}-JW`);
    if (jw === undefined) continue;
    for (const tier of ['town', 'village'] as const) {
      rules.push({
        categoryCode: MISCONDUCT_CATEGORY,
        tier,
        divisionCode: t.code,
        officeId: jw,
        priority: 10,
        note: tier === 'village' ? '村(社区)干部问题线索：上提至乡镇(街道)纪委' : '乡镇(街道)纪委受理',
      });
    }
  }
  for (let i = 0; i < rules.length; i += 1000) await tx.insert(routingRules).values(rules.slice(i, i + 1000));
}
