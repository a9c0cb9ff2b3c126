import 'server-only';
import type { Db, DbOrTx } from '@/db/client';
import { getSetting, putSetting } from '@/db/queries/stats';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import {
  FACILITY_FINDING_SETTINGS_KEY,
  type FacilityFindingSettings,
  facilityFindingSettingsOrDefault,
  facilityFindingSettingsSchema,
} from './facility-finding-settings';

/** The facility test's thresholds in force: the admins' stored ones, else the documented defaults. */
export async function getFacilityFindingSettings(db: DbOrTx): Promise<FacilityFindingSettings> {
  return facilityFindingSettingsOrDefault(await getSetting(db, FACILITY_FINDING_SETTINGS_KEY));
}

/** Admins set the thresholds (VALIDATION with field paths otherwise); audited as a configuration change. */
export async function setFacilityFindingSettings(
  db: Db,
  user: AuthUser,
  input: unknown,
  params: { ip?: string | null; now?: Date } = {},
): Promise<FacilityFindingSettings> {
  assertCan(user, 'config.manage');
  const parsed = facilityFindingSettingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      'Invalid facility-finding thresholds',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })),
    );
  }
  const now = params.now ?? new Date();
  await db.transaction(async (tx) => {
    const before = await getFacilityFindingSettings(tx);
    await putSetting(tx, FACILITY_FINDING_SETTINGS_KEY, parsed.data, user.id, now);
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.configChange,
      targetType: 'setting',
      targetId: null,
      data: { key: FACILITY_FINDING_SETTINGS_KEY, before, after: parsed.data },
      ip: params.ip ?? null,
      at: now,
    });
  });
  return parsed.data;
}
