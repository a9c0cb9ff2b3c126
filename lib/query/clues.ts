/** Browser calls of the clue settings (the findings and the clue board are in ./analytics.ts). */
import type { FacilityFindingSettings } from '@/lib/clues/facility-finding-settings';
import { request } from './api-client';

/** PUT /api/clues/settings: the facility test's thresholds. */
export const saveFindingSettings = (settings: FacilityFindingSettings): Promise<unknown> =>
  request('/api/clues/settings', { method: 'PUT', body: settings });
