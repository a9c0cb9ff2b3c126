/** Browser calls of the clue board (the findings it files clues from are in ./analytics.ts). */

import type { ClueDetail, ClueList } from '@/lib/clues/clues.types';
import type { FacilityFindingSettings } from '@/lib/clues/facility-finding-settings';
import { getJson, postJson, request } from './api-client';

export const fetchClues = () => getJson<ClueList>('/api/clues');
export const fetchClue = (id: number) => getJson<ClueDetail>(`/api/clues/${id}`);

/** Query options of the board: every clue of the caller's division, and one clue with its notes. */
export const clueQueries = {
  all: ['clues'] as const,
  list: () => ({ queryKey: clueQueries.all, queryFn: fetchClues }),
  one: (id: number) => ({ queryKey: ['clue', id] as const, queryFn: () => fetchClue(id) }),
};

/** POST /api/clues: a clue from a finding, for the window the findings were computed on. */
export const fileClue = (findingKey: string, window: { from: string; to: string } | null) =>
  postJson<{ id: number }>('/api/clues', { findingKey, ...window });

/** POST /api/clues/:id/transition: 待评估 → 初核 → 立案/了结, with a note. */
export const moveClue = (id: number, to: string, note: string) =>
  postJson<unknown>(`/api/clues/${id}/transition`, { to, note });

/** PUT /api/clues/settings: the facility test's thresholds. */
export const saveFindingSettings = (settings: FacilityFindingSettings): Promise<unknown> =>
  request('/api/clues/settings', { method: 'PUT', body: settings });
