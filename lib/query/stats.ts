/** Browser calls of the statistics screens (the figures are rendered on the server). */
import type { AssessmentWeights } from '@/lib/stats/definitions';
import { request } from './api-client';

/** PUT /api/stats/assessment/weights: the assessment's weights (they sum to 100). */
export const saveAssessmentWeights = (weights: AssessmentWeights): Promise<unknown> =>
  request('/api/stats/assessment/weights', { method: 'PUT', body: weights });

export interface StatsAreaChild {
  code: string;
  name: string;
  hasChildren: boolean;
}

/** GET /api/stats/areas?parent=: the divisions one level below `parent` (the area picker's next column). */
export const listStatsAreaChildren = async (parent: string): Promise<StatsAreaChild[]> =>
  (await request<{ children: StatsAreaChild[] }>(`/api/stats/areas?parent=${parent}`)).children;
