import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listCaseVisits, listLetters, listSpotChecks } from '@/db/queries/supervision';
import { can, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { letterScope } from './letter-scope';

/**
 * The supervision part of a case page (the caller has already checked the case is in the viewer's
 * jurisdiction): its letters (inspectors; the letter's office), spot checks (inspectors), visits,
 * and what the viewer may do: issue a letter, acknowledge/answer, record a check, record a visit.
 */
export async function getCaseSupervision(db: DbOrTx, params: { user: AuthUser; complaintId: number }) {
  const { user, complaintId } = params;
  const supervise = can(user, 'complaint.supervise');
  const [letters, spotChecks, visits] = await Promise.all([
    can(user, 'letter.answer') || supervise ? listLetters(db, { scope: letterScope(user), complaintId }) : [],
    supervise ? listSpotChecks(db, { scope: complaintScope(user), complaintId }) : [],
    listCaseVisits(db, { complaintId }),
  ]);
  return {
    letters,
    spotChecks,
    visits,
    canIssue: supervise,
    canRespond: can(user, 'letter.answer'),
    canVisit: can(user, 'complaint.visit'),
  };
}

export type CaseSupervision = Awaited<ReturnType<typeof getCaseSupervision>>;
