import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listAnalysisDivisions } from '@/db/queries/hotspots';
import { getBoundsOf, listTopCategories } from '@/db/queries/map-panels';
import { can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { resolveAnalysisArea } from './analysis-area';
import type { AnalysisSetup } from './hotspots.types';

/** What the hot-spot workspace needs first: areas to analyse, categories, the default view. */
export async function getAnalysisSetup(db: DbOrTx, user: AuthUser): Promise<AnalysisSetup> {
  const divisionCode = resolveAnalysisArea(user, undefined);
  const [divisions, categories, bounds] = await Promise.all([
    listAnalysisDivisions(db, { code: divisionCode }),
    listTopCategories(db),
    getBoundsOf(db, { divisionCode }),
  ]);
  return { divisionCode, divisions, categories, bounds, canManageClues: can(user, 'clue.manage') };
}
