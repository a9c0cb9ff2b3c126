import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { complaintEvents } from '@/db/schema';
import { queryRow } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, buildingScope, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { CorrectLinkInput } from './correct-link-input';

/**
 * Staff confirm, correct or clear a case's building or facility link (the linker's choice shown on
 * the case page). A confirmation keeps the link and its reason and marks it `confirmed`; a
 * correction sets another building (with a household of it, or none) or facility, `corrected`,
 * method `staff`, confidence 1; clearing is a correction to none. Either is sticky: the linker never
 * overwrites it (`updateAutoLinks`). One transaction: the complaint row (locked), an internal
 * `link_changed` event and the audit record.
 */
export async function correctComplaintLink(
  db: DbOrTx,
  params: CorrectLinkInput & { complaintId: number; user: AuthUser; now: Date },
): Promise<{ eventId: number }> {
  const { user, now } = params;
  assertCan(user, 'complaint.link');
  return db.transaction(async (tx) => {
    const c = await queryRow<{
      id: number;
      status: string;
      building_id: number | null;
      household_id: number | null;
      facility_id: number | null;
      bm: string | null;
      bc: number | null;
      fm: string | null;
      fc: number | null;
      lng: number;
      lat: number;
    }>(
      tx,
      sql`select complaints.id, complaints.status::text as status, complaints.building_id, complaints.household_id,
            complaints.facility_id, complaints.building_link_method::text as bm, complaints.building_link_confidence as bc,
            complaints.facility_link_method::text as fm, complaints.facility_link_confidence as fc,
            ST_X(complaints.location) as lng, ST_Y(complaints.location) as lat
          from complaints where complaints.id = ${params.complaintId} and ${complaintScope(user)}
          for update of complaints`,
    );
    if (!c) throw new AppError('NOT_FOUND', 'Complaint not found');
    const note = params.note?.trim() || null;
    let from: Record<string, unknown>;
    let to: Record<string, unknown>;
    if (params.target === 'building') {
      from = { buildingId: c.building_id, householdId: c.household_id, method: c.bm, confidence: c.bc };
      if (params.action === 'confirm') {
        if (c.building_id === null) throw invalid('action', 'nothing_to_confirm');
        await tx.execute(sql`update complaints set building_link_state = 'confirmed' where id = ${c.id}`);
        to = { ...from, state: 'confirmed' };
      } else {
        const buildingId = params.action === 'clear' ? null : (params.buildingId ?? null);
        const householdId = params.action === 'clear' ? null : (params.householdId ?? null);
        if (params.action === 'correct' && buildingId === null) throw invalid('buildingId', 'required');
        let reason = '工作人员清除了楼栋关联';
        if (buildingId !== null) {
          const b = await queryRow<{ id: number; address: string; d: number }>(
            tx,
            sql`select buildings.id, buildings.address,
                  ST_Distance(buildings.centre::geography, ST_SetSRID(ST_MakePoint(${c.lng}, ${c.lat}), 4326)::geography)::float8 as d
                from buildings where buildings.id = ${buildingId} and ${buildingScope(user)}`,
          );
          if (!b) throw invalid('buildingId', 'unknown_building');
          if (householdId !== null) {
            const h = await queryRow<{ id: number }>(
              tx,
              sql`select id from households where id = ${householdId} and building_id = ${buildingId}`,
            );
            if (!h) throw invalid('householdId', 'unknown_household');
          }
          reason = `工作人员指定楼栋“${b.address}”（距定位 ${Math.round(Number(b.d))} 米）`;
        }
        if (note) reason = `${reason}：${note}`;
        await tx.execute(
          sql`update complaints set building_id = ${buildingId}, household_id = ${householdId},
                building_link_method = ${buildingId === null ? null : 'staff'}::link_method,
                building_link_confidence = ${buildingId === null ? null : 1}::real, building_link_reason = ${reason},
                building_link_state = 'corrected'
              where id = ${c.id}`,
        );
        to = { buildingId, householdId, method: 'staff', state: 'corrected' };
      }
    } else {
      from = { facilityId: c.facility_id, method: c.fm, confidence: c.fc };
      if (params.action === 'confirm') {
        if (c.facility_id === null) throw invalid('action', 'nothing_to_confirm');
        await tx.execute(sql`update complaints set facility_link_state = 'confirmed' where id = ${c.id}`);
        to = { ...from, state: 'confirmed' };
      } else {
        const facilityId = params.action === 'clear' ? null : (params.facilityId ?? null);
        if (params.action === 'correct' && facilityId === null) throw invalid('facilityId', 'required');
        let reason = '工作人员清除了设施关联';
        if (facilityId !== null) {
          const f = await queryRow<{ id: number; name: string }>(
            tx,
            sql`select id, name from facilities where id = ${facilityId}`,
          );
          if (!f) throw invalid('facilityId', 'unknown_facility');
          reason = `工作人员指定设施“${f.name}”`;
        }
        if (note) reason = `${reason}：${note}`;
        await tx.execute(
          sql`update complaints set facility_id = ${facilityId},
                facility_link_method = ${facilityId === null ? null : 'staff'}::link_method,
                facility_link_confidence = ${facilityId === null ? null : 1}::real, facility_link_reason = ${reason},
                facility_link_state = 'corrected'
              where id = ${c.id}`,
        );
        to = { facilityId, method: 'staff', state: 'corrected' };
      }
    }
    const data = { target: params.target, action: params.action, from, to, note };
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: c.id,
        type: 'link_changed',
        fromStatus: c.status as never,
        toStatus: c.status as never,
        actorUserId: user.id,
        data,
        public: false,
        createdAt: now,
      })
      .returning({ id: complaintEvents.id });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.complaintLink,
      targetType: 'complaint',
      targetId: c.id,
      data: { ...data, eventId: event!.id },
      at: now,
    });
    return { eventId: Number(event!.id) };
  });
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}
