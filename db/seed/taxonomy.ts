/**
 * Step 1: categories (two levels), urgency grades, deadline policies and the working-day calendar.
 * All static reference data from `corpus/`; see db/seed/README.md.
 */
import type { Db } from '../client';
import { calendarDays, categories, deadlinePolicies, urgencyGrades } from '../schema';
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
    ctx.log(
      `seed: taxonomy ${level1.length} + ${level2.length} categories, ${DEADLINE_POLICIES.length} policies, ${CALENDAR_EXCEPTIONS.length} calendar days`,
    );
  });
}
