import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { isWithinDivision } from '@/lib/geo/division-code';
import { AppError } from '@/lib/http/errors';

/**
 * The division an analysis runs over: the one asked for, which must lie in the caller's
 * jurisdiction (otherwise NOT_FOUND, as for any object out of reach), or the jurisdiction itself.
 * Analyses are for roles with statistics (inspectors, leaders) bound to a division.
 */
export function resolveAnalysisArea(user: AuthUser, divisionCode: string | undefined): string {
  assertCan(user, 'stats.read');
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('FORBIDDEN', 'Analyses need a division jurisdiction');
  const code = divisionCode ?? j.divisionCode;
  if (!isWithinDivision(code, j.divisionCode, j.divisionLevel)) {
    throw new AppError('NOT_FOUND', 'No such division in your jurisdiction');
  }
  return code;
}
