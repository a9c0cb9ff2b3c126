import 'server-only';
import type { DbOrTx } from '@/db/client';
import { divisionExists, gridExists, listInactiveOfficeIds, listOfficeIdsIn } from '@/db/queries/admin';
import { ROLE_JURISDICTION } from '@/lib/auth/policy';
import type { UserInput } from './admin-input';
import { fieldError } from './field-error';

/**
 * The binding columns for a role (lib/auth/policy.ts ROLE_JURISDICTION): the one the role needs must
 * be given and exist; the others are cleared, except that an inspector may also name their 纪委
 * office. Throws VALIDATION on the field at fault.
 */
export async function bindingFor(
  tx: DbOrTx,
  input: Pick<UserInput, 'role' | 'divisionCode' | 'officeId' | 'gridId'>,
): Promise<{ divisionCode: string | null; officeId: number | null; gridId: number | null }> {
  const kind = ROLE_JURISDICTION[input.role];
  const officeId = kind === 'office' || input.role === 'inspector' ? (input.officeId ?? null) : null;
  const binding = {
    divisionCode: kind === 'division' ? (input.divisionCode ?? null) : null,
    officeId,
    gridId: kind === 'grid' ? (input.gridId ?? null) : null,
  };
  if (kind === 'division' && !binding.divisionCode) throw fieldError('divisionCode', 'bindingRequired');
  if (kind === 'office' && !binding.officeId) throw fieldError('officeId', 'bindingRequired');
  if (kind === 'grid' && !binding.gridId) throw fieldError('gridId', 'bindingRequired');
  if (binding.divisionCode && !(await divisionExists(tx, binding.divisionCode))) {
    throw fieldError('divisionCode', 'divisionUnknown', binding.divisionCode);
  }
  if (binding.gridId && !(await gridExists(tx, binding.gridId))) throw fieldError('gridId', 'gridUnknown');
  if (binding.officeId) {
    if ((await listOfficeIdsIn(tx, [binding.officeId])).length === 0)
      throw fieldError('officeId', 'officeUnknown');
    if ((await listInactiveOfficeIds(tx)).includes(binding.officeId))
      throw fieldError('officeId', 'officeInactive');
  }
  return binding;
}
