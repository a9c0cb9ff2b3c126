/**
 * Step 1: categories (two levels), urgency grades, deadline policies, the working-day calendar and
 * the triage keyword rules. Static reference data from `corpus/` and the rules' defaults from
 * lib/triage/rules.ts (admins edit all of them later at /admin/…); see db/seed/README.md.
 */
import { TRIAGE_RULES } from '@/lib/triage/rules';
import type { Db } from '../client';
import { calendarDays, categories, deadlinePolicies, triageRules, urgencyGrades } from '../schema';
import type { SeedContext } from './context';
import { CATEGORIES, DEADLINE_POLICIES, URGENCY_GRADES } from './corpus/categories';
import { CALENDAR_EXCEPTIONS } from './corpus/holidays';

export async function seedTaxonomy(db: Db, ctx: SeedContext): Promise<void> {
  await db.transaction(async (tx) => {
    const level1 = CATEGORIES.map((c, i) => ({
      code: c.code,
      parentCode: null,
      level: 1,
      nameZh: c.zh,
      nameEn: c.en,
      color: c.color,
      sortOrder: (i + 1) * 100,
    }));
    const level2 = CATEGORIES.flatMap((c, i) =>
      c.children.map((s, j) => ({
        code: s.code,
        parentCode: c.code,
        level: 2,
        nameZh: s.zh,
        nameEn: s.en,
        color: c.color,
        sortOrder: (i + 1) * 100 + j + 1,
      })),
    );
    await tx.insert(categories).values(level1);
    await tx.insert(categories).values(level2);
    await tx.insert(urgencyGrades).values(
      URGENCY_GRADES.map((u) => ({
        code: u.code,
        nameZh: u.zh,
        nameEn: u.en,
        rank: u.rank,
        color: u.color,
      })),
    );
    await tx.insert(deadlinePolicies).values(DEADLINE_POLICIES);
    await tx.insert(calendarDays).values(CALENDAR_EXCEPTIONS);
    await tx.insert(triageRules).values(
      TRIAGE_RULES.map((r) => ({
        id: r.id,
        name: r.name,
        keywords: [...r.keywords],
        urgencyCode: r.urgencyCode ?? null,
        categoryCode: r.categoryCode ?? null,
        requires: [...(r.requires ?? [])],
        excludes: [...(r.excludes ?? [])],
      })),
    );
    ctx.log(
      `seed: taxonomy ${level1.length} + ${level2.length} categories, ${DEADLINE_POLICIES.length} policies, ${CALENDAR_EXCEPTIONS.length} calendar days, ${TRIAGE_RULES.length} triage rules`,
    );
  });
}
