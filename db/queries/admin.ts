/**
 * What the admin screens read and write: routing rules, deadline policies, the holiday calendar,
 * offices and the categories they serve, staff accounts, and the pickers' reference lists.
 * Admins configure the whole platform (policy: `config.manage`, `user.manage`), so nothing here is
 * filtered by jurisdiction.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  calendarDays,
  categories,
  deadlinePolicies,
  divisions,
  grids,
  officeCategories,
  offices,
  routingRules,
  settings,
  urgencyGrades,
  users,
} from '../schema';
import { queryRows } from '../sql';

// ── reference lists for the pickers ────────────────────────────────────────────────────────────

export async function listCategoryOptions(db: DbOrTx) {
  return db
    .select({
      code: categories.code,
      parentCode: categories.parentCode,
      level: categories.level,
      nameZh: categories.nameZh,
      nameEn: categories.nameEn,
      active: categories.active,
    })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.code));
}

export async function listUrgencyOptions(db: DbOrTx) {
  return db
    .select({ code: urgencyGrades.code, nameZh: urgencyGrades.nameZh, nameEn: urgencyGrades.nameEn })
    .from(urgencyGrades)
    .orderBy(asc(urgencyGrades.rank));
}

/** City, counties, towns and villages (code, parent, name, level) for the division tree. */
export async function listDivisionOptions(db: DbOrTx) {
  return queryRows<{
    code: string;
    parent_code: string | null;
    name: string;
    level: string;
    lng: number | null;
    lat: number | null;
  }>(
    db,
    sql`select code, parent_code, name, level::text as level,
          ST_X(centre)::float8 as lng, ST_Y(centre)::float8 as lat
        from divisions order by code`,
  );
}

export async function listOfficeOptions(db: DbOrTx) {
  return queryRows<{
    id: number;
    code: string;
    name: string;
    tier: string;
    division_code: string;
    kind: string;
  }>(
    db,
    sql`select id, code, name, tier::text as tier, division_code, kind::text as kind from offices order by division_code, tier, code`,
  );
}

export async function listGridOptions(db: DbOrTx) {
  return queryRows<{ id: number; code: string; name: string; village_name: string | null }>(
    db,
    sql`select g.id, g.code, g.name, d.name as village_name
        from grids g left join divisions d on d.code = g.village_code order by g.code`,
  );
}

export async function divisionExists(db: DbOrTx, code: string): Promise<boolean> {
  return (await db.$count(divisions, eq(divisions.code, code))) > 0;
}

export async function gridExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.$count(grids, eq(grids.id, id))) > 0;
}

export async function listExistingCategoryCodes(db: DbOrTx, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ code: categories.code })
    .from(categories)
    .where(inArray(categories.code, codes));
  return rows.map((r) => r.code);
}

// ── offices ───────────────────────────────────────────────────────────────────────────────────

/** Offices switched off by an admin (no new cases are routed to them; accounts cannot be bound to them). */
export const INACTIVE_OFFICES_KEY = 'offices.inactive';

export async function listInactiveOfficeIds(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, INACTIVE_OFFICES_KEY))
    .limit(1);
  const value = rows[0]?.value;
  return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
}

export async function saveInactiveOfficeIds(
  db: DbOrTx,
  params: { ids: number[]; userId: number; now: Date },
): Promise<void> {
  const value = [...new Set(params.ids)].sort((a, b) => a - b);
  await db
    .insert(settings)
    .values({ key: INACTIVE_OFFICES_KEY, value, updatedByUserId: params.userId, updatedAt: params.now })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value, updatedByUserId: params.userId, updatedAt: params.now },
    });
}

/** Every office with the level-1 categories it serves and how many accounts are bound to it. */
export async function listOfficeRows(db: DbOrTx) {
  return queryRows<{
    id: number;
    code: string;
    name: string;
    kind: string;
    tier: string;
    division_code: string;
    division_name: string | null;
    phone: string | null;
    category_codes: string[];
    user_count: number;
  }>(
    db,
    sql`select o.id, o.code, o.name, o.kind::text as kind, o.tier::text as tier, o.division_code,
          d.name as division_name, o.phone,
          coalesce((select array_agg(oc.category_code order by oc.category_code)
                    from office_categories oc where oc.office_id = o.id), '{}') as category_codes,
          (select count(*)::int from users u where u.office_id = o.id) as user_count
        from offices o left join divisions d on d.code = o.division_code
        order by o.division_code, o.tier, o.code`,
  );
}

export async function getOfficeRow(db: DbOrTx, params: { id: number; lock?: boolean }) {
  const query = db.select().from(offices).where(eq(offices.id, params.id)).limit(1);
  const rows = params.lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function officeCodeTaken(db: DbOrTx, params: { code: string; exceptId?: number }) {
  const rows = await db.select({ id: offices.id }).from(offices).where(eq(offices.code, params.code));
  return rows.some((r) => r.id !== params.exceptId);
}

export async function listOfficeIdsIn(db: DbOrTx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: offices.id }).from(offices).where(inArray(offices.id, ids));
  return rows.map((r) => r.id);
}

export async function insertOfficeRow(db: DbOrTx, row: typeof offices.$inferInsert): Promise<number> {
  const [r] = await db.insert(offices).values(row).returning({ id: offices.id });
  return r!.id;
}

export async function updateOfficeRow(
  db: DbOrTx,
  params: { id: number; set: Partial<typeof offices.$inferInsert> },
): Promise<void> {
  await db.update(offices).set(params.set).where(eq(offices.id, params.id));
}

export async function listOfficeCategoryCodes(db: DbOrTx, officeId: number): Promise<string[]> {
  const rows = await db
    .select({ code: officeCategories.categoryCode })
    .from(officeCategories)
    .where(eq(officeCategories.officeId, officeId))
    .orderBy(asc(officeCategories.categoryCode));
  return rows.map((r) => r.code);
}

export async function replaceOfficeCategories(
  db: DbOrTx,
  params: { officeId: number; categoryCodes: string[] },
): Promise<void> {
  await db.delete(officeCategories).where(eq(officeCategories.officeId, params.officeId));
  if (params.categoryCodes.length) {
    await db
      .insert(officeCategories)
      .values(params.categoryCodes.map((c) => ({ officeId: params.officeId, categoryCode: c })));
  }
}

// ── routing rules ─────────────────────────────────────────────────────────────────────────────

export async function listRoutingRuleRows(db: DbOrTx) {
  return queryRows<{
    id: number;
    category_code: string;
    tier: string;
    division_code: string | null;
    office_id: number | null;
    co_office_ids: number[];
    priority: number;
    note: string | null;
  }>(
    db,
    sql`select id, category_code, tier::text as tier, division_code, office_id, co_office_ids, priority, note
        from routing_rules order by category_code, tier, division_code nulls first, priority desc, id`,
  );
}

export async function getRoutingRuleRow(db: DbOrTx, params: { id: number }) {
  const rows = await db.select().from(routingRules).where(eq(routingRules.id, params.id)).for('update');
  return rows[0] ?? null;
}

export async function insertRoutingRuleRow(db: DbOrTx, row: typeof routingRules.$inferInsert) {
  const [r] = await db.insert(routingRules).values(row).returning({ id: routingRules.id });
  return r!.id;
}

export async function updateRoutingRuleRow(
  db: DbOrTx,
  params: { id: number; set: Partial<typeof routingRules.$inferInsert> },
): Promise<void> {
  await db.update(routingRules).set(params.set).where(eq(routingRules.id, params.id));
}

export async function deleteRoutingRuleRow(db: DbOrTx, params: { id: number }): Promise<void> {
  await db.delete(routingRules).where(eq(routingRules.id, params.id));
}

// ── deadline policies ─────────────────────────────────────────────────────────────────────────

export async function listDeadlinePolicyRows(db: DbOrTx) {
  return db.select().from(deadlinePolicies).orderBy(asc(deadlinePolicies.id));
}

export async function getDeadlinePolicyRow(db: DbOrTx, params: { id: number }) {
  const rows = await db
    .select()
    .from(deadlinePolicies)
    .where(eq(deadlinePolicies.id, params.id))
    .for('update');
  return rows[0] ?? null;
}

/** Another policy for exactly the same (category, tier, urgency)? (null matches null.) */
export async function findSameDeadlinePolicy(
  db: DbOrTx,
  params: { categoryCode: string | null; tier: string | null; urgencyCode: string | null; exceptId?: number },
) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from deadline_policies
        where category_code is not distinct from ${params.categoryCode}
          and tier::text is not distinct from ${params.tier}
          and urgency_code is not distinct from ${params.urgencyCode}
          and id <> ${params.exceptId ?? -1}
        limit 1`,
  );
  return rows[0]?.id ?? null;
}

export async function insertDeadlinePolicyRow(db: DbOrTx, row: typeof deadlinePolicies.$inferInsert) {
  const [r] = await db.insert(deadlinePolicies).values(row).returning({ id: deadlinePolicies.id });
  return r!.id;
}

export async function updateDeadlinePolicyRow(
  db: DbOrTx,
  params: { id: number; set: Partial<typeof deadlinePolicies.$inferInsert> },
): Promise<void> {
  await db.update(deadlinePolicies).set(params.set).where(eq(deadlinePolicies.id, params.id));
}

export async function deleteDeadlinePolicyRow(db: DbOrTx, params: { id: number }): Promise<void> {
  await db.delete(deadlinePolicies).where(eq(deadlinePolicies.id, params.id));
}

// ── calendar ──────────────────────────────────────────────────────────────────────────────────

export async function listCalendarDayRows(db: DbOrTx, params: { year: number }) {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${params.year}-01-01`), lte(calendarDays.day, `${params.year}-12-31`)))
    .orderBy(asc(calendarDays.day));
}

export async function listCalendarYears(db: DbOrTx): Promise<number[]> {
  const rows = await queryRows<{ year: number }>(
    db,
    sql`select distinct extract(year from day)::int as year from calendar_days order by 1`,
  );
  return rows.map((r) => r.year);
}

export async function getCalendarDayRow(db: DbOrTx, params: { day: string }) {
  const rows = await db.select().from(calendarDays).where(eq(calendarDays.day, params.day)).limit(1);
  return rows[0] ?? null;
}

export async function upsertCalendarDayRow(db: DbOrTx, row: typeof calendarDays.$inferInsert) {
  await db
    .insert(calendarDays)
    .values(row)
    .onConflictDoUpdate({ target: calendarDays.day, set: { isWorkday: row.isWorkday, name: row.name } });
}

export async function deleteCalendarDayRow(db: DbOrTx, params: { day: string }): Promise<void> {
  await db.delete(calendarDays).where(eq(calendarDays.day, params.day));
}

export async function replaceCalendarYear(
  db: DbOrTx,
  params: { year: number; days: (typeof calendarDays.$inferInsert)[] },
): Promise<number> {
  const removed = await db
    .delete(calendarDays)
    .where(and(gte(calendarDays.day, `${params.year}-01-01`), lte(calendarDays.day, `${params.year}-12-31`)))
    .returning({ day: calendarDays.day });
  if (params.days.length) await db.insert(calendarDays).values(params.days);
  return removed.length;
}

// ── users ─────────────────────────────────────────────────────────────────────────────────────

/** Staff accounts with what they are bound to, and whether they are disabled or locked out. */
export async function listUserRows(db: DbOrTx) {
  return queryRows<{
    id: number;
    username: string;
    display_name: string;
    role: string;
    division_code: string | null;
    division_name: string | null;
    office_id: number | null;
    office_name: string | null;
    grid_id: number | null;
    grid_name: string | null;
    phone: string | null;
    disabled_at: string | null;
    /** Locked out after failed logins, now. */
    locked_out: boolean;
    /** China Standard Time, 'YYYY-MM-DD HH24:MI'. */
    last_login_at: string | null;
  }>(
    db,
    sql`select u.id, u.username, u.display_name, u.role::text as role, u.division_code, d.name as division_name,
          u.office_id, o.name as office_name, u.grid_id, g.name as grid_name, u.phone,
          u.disabled_at::text as disabled_at, coalesce(u.locked_until > now(), false) as locked_out,
          to_char(u.last_login_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as last_login_at
        from users u
        left join divisions d on d.code = u.division_code
        left join offices o on o.id = u.office_id
        left join grids g on g.id = u.grid_id
        order by u.role, u.username`,
  );
}

export async function getUserRow(db: DbOrTx, params: { id: number }) {
  const rows = await db.select().from(users).where(eq(users.id, params.id)).for('update');
  return rows[0] ?? null;
}

export async function usernameTaken(db: DbOrTx, params: { username: string; exceptId?: number }) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from users where lower(username) = lower(${params.username})`,
  );
  return rows.some((r) => r.id !== params.exceptId);
}

export async function updateUserRow(
  db: DbOrTx,
  params: { id: number; set: Partial<typeof users.$inferInsert> },
): Promise<void> {
  await db.update(users).set(params.set).where(eq(users.id, params.id));
}
