/** Browser calls of a case's page: transitions, link corrections, the unmasked contact. */
import type { CorrectLinkInput } from '@/lib/linking/correct-link-input';
import { request } from './api-client';

/** POST /api/cases/:id/transitions: one verb of the lifecycle from the status the page showed. */
export const transitionCase = (
  caseId: number,
  transition: { verb: string; expectedStatus: string; input: Record<string, unknown> },
): Promise<unknown> => request(`/api/cases/${caseId}/transitions`, { method: 'POST', body: transition });

/** POST /api/cases/:id/links: confirm, reject or correct the case's building or facility link. */
export const correctCaseLink = (caseId: number, body: CorrectLinkInput): Promise<unknown> =>
  request(`/api/cases/${caseId}/links`, { method: 'POST', body });

export interface CaseContact {
  name: string | null;
  phone: string | null;
}

/** POST /api/complaints/:id/contact: the full name and phone (audited on the server). */
export const unmaskContact = async (caseId: number): Promise<CaseContact> =>
  (
    await request<{ contact: CaseContact }>(`/api/complaints/${caseId}/contact`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    })
  ).contact;
