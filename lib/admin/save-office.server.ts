import 'server-only';
import type { Db } from '@/db/client';
import {
  divisionExists,
  getOfficeRow,
  insertOfficeRow,
  listExistingCategoryCodes,
  listOfficeCategoryCodes,
  officeCodeTaken,
  replaceOfficeCategories,
  updateOfficeRow,
} from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type OfficeInput, officeInput } from './admin-input';
import { configChanged } from './config-changed.server';
import { fieldError } from './field-error';

/**
 * Create or edit a 责任单位: code, name, kind, tier, the division it serves and the level-1
 * categories it handles (which the routing table's "office of that tier" rules pick from), with its
 * audit record, in one transaction.
 */
export async function saveOffice(
  db: Db,
  actor: AuthUser,
  params: { id?: number; input: OfficeInput; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const input = officeInput.parse(params.input);
  const categoryCodes = [...new Set(input.categoryCodes)].sort();
  const result = await db.transaction(async (tx) => {
    if (!(await divisionExists(tx, input.divisionCode))) {
      throw fieldError('divisionCode', 'divisionUnknown', input.divisionCode);
    }
    const known = new Set(await listExistingCategoryCodes(tx, categoryCodes));
    const unknown = categoryCodes.find((c) => !known.has(c));
    if (unknown) throw fieldError('categoryCodes', 'categoryUnknown', unknown);
    if (await officeCodeTaken(tx, { code: input.code, exceptId: params.id })) {
      throw fieldError('code', 'officeCodeTaken', input.code);
    }
    const row = {
      code: input.code,
      name: input.name,
      kind: input.kind,
      tier: input.tier,
      divisionCode: input.divisionCode,
      phone: input.phone || null,
    };
    let id: number;
    let before: Record<string, unknown> | null = null;
    if (params.id === undefined) {
      id = await insertOfficeRow(tx, row);
    } else {
      const old = await getOfficeRow(tx, { id: params.id, lock: true });
      if (!old) throw new AppError('NOT_FOUND', `No office ${params.id}`);
      before = { ...old, categoryCodes: await listOfficeCategoryCodes(tx, params.id) };
      id = params.id;
      await updateOfficeRow(tx, { id, set: row });
    }
    await replaceOfficeCategories(tx, { officeId: id, categoryCodes });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'office',
      targetId: id,
      data: { op: before ? 'update' : 'create', before, after: { id, ...row, categoryCodes } },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id };
  });
  configChanged();
  return result;
}
