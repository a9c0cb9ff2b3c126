import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getScopedGrid, listScopedGridPersons } from '@/db/queries/scoped-persons';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { maskName, maskPhone } from '@/lib/auth/mask';
import { assertCan, canReadPersonsUnmasked, gridScope, personScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';

/**
 * The persons of one grid (人到户). Names and phones are masked for everyone but the grid's own
 * worker, whose every unmasked view writes a `person.unmask` audit record. A role without `person.read` gets FORBIDDEN; a grid outside the caller's jurisdiction
 * is NOT_FOUND.
 */
export async function listGridPersons(
  db: DbOrTx,
  input: { user: AuthUser; gridId: number; ip?: string | null },
) {
  assertCan(input.user, 'person.read');
  const grid = await getScopedGrid(db, { scope: gridScope(input.user), gridId: input.gridId });
  if (!grid) throw new AppError('NOT_FOUND', 'Grid not found');
  const unmasked = canReadPersonsUnmasked(input.user, grid.id);
  const rows = await listScopedGridPersons(db, { scope: personScope(input.user), gridId: grid.id });
  // Every unmasked view of the registry is on the record.
  if (unmasked && rows.length > 0) {
    await writeAudit(db, {
      actorUserId: input.user.id,
      action: AUDIT.personUnmask,
      targetType: 'grid',
      targetId: grid.id,
      data: { persons: rows.length },
      ip: input.ip ?? null,
    });
  }
  return {
    grid,
    masked: !unmasked,
    persons: unmasked ? rows : rows.map((p) => ({ ...p, name: maskName(p.name), phone: maskPhone(p.phone) })),
  };
}
