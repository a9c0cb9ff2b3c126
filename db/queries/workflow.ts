/** Rows the workflow verbs read and write. Callers pass the policy's scope for staff actors. */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { complaints, offices } from '../schema';

/** What a transition needs to know about a case (no personal data). */
export async function getComplaintForTransition(db: DbOrTx, params: { id: number; scope?: SQL }) {
  const rows = await db
    .select({
      id: complaints.id,
      status: complaints.status,
      kind: complaints.kind,
      title: complaints.title,
      categoryCode: complaints.categoryCode,
      urgencyCode: complaints.urgencyCode,
      villageCode: complaints.villageCode,
      townCode: complaints.townCode,
      countyCode: complaints.countyCode,
      responsibleOfficeId: complaints.responsibleOfficeId,
      responsibleOfficeTier: offices.tier,
      coOfficeIds: complaints.coOfficeIds,
      reopenCount: complaints.reopenCount,
      mergedIntoId: complaints.mergedIntoId,
      submittedAt: complaints.submittedAt,
    })
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(eq(complaints.id, params.id), params.scope ?? sql`true`))
    .limit(1);
  return rows[0] ?? null;
}

export type TransitionSubject = NonNullable<Awaited<ReturnType<typeof getComplaintForTransition>>>;

export async function listOfficesByIds(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: offices.id,
      code: offices.code,
      name: offices.name,
      kind: offices.kind,
      tier: offices.tier,
      divisionCode: offices.divisionCode,
      parentId: offices.parentId,
    })
    .from(offices)
    .where(inArray(offices.id, [...ids]));
}
