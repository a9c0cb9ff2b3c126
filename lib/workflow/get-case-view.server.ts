import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  getCasePlace,
  getCategoryAndUrgencyNames,
  listCaseAttachments,
  listCaseEvents,
  listOfficesForCase,
} from '@/db/queries/cases';
import { getCaseLinks } from '@/db/queries/complaint-links';
import { listActiveCategories } from '@/db/queries/intake';
import { listOfficesByIds } from '@/db/queries/workflow';
import { can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { allowedVerbs } from './transitions';

/**
 * Everything the case page shows: the complaint (jurisdiction-checked; NOT_FOUND outside it), the
 * whole timeline, attachments, building and household, its links (with what staff may pick), names, co-handling offices, the offices it
 * may be sent to, and the verbs the viewer may take now.
 */
export async function getCaseView(db: DbOrTx, input: { user: AuthUser; id: number }) {
  const complaint = await getComplaint(db, input);
  const canLink = can(input.user, 'complaint.link');
  const [events, files, place, names, coOffices, offices, links] = await Promise.all([
    listCaseEvents(db, { complaintId: complaint.id }),
    listCaseAttachments(db, { complaintId: complaint.id }),
    getCasePlace(db, { buildingId: complaint.buildingId, householdId: complaint.householdId }),
    getCategoryAndUrgencyNames(db, {
      categoryCode: complaint.categoryCode,
      urgencyCode: complaint.urgencyCode,
    }),
    listOfficesByIds(db, complaint.coOfficeIds),
    listOfficesForCase(db, { countyCode: complaint.countyCode }),
    getCaseLinks(db, complaint.id, canLink),
  ]);
  const verbs = allowedVerbs(input.user, complaint);
  return {
    complaint,
    events,
    attachments: files,
    ...place,
    ...names,
    coOffices: coOffices.map((o) => ({ id: o.id, name: o.name })),
    offices,
    verbs,
    /** Building and facility links in words (method, confidence, reason, state), and whether the viewer may correct them. */
    links: links ? { ...links, canEdit: canLink } : null,
    /** Level-2 categories of the case's kind, for recategorizing (only when the viewer may). */
    categories: verbs.includes('recategorize')
      ? (await listActiveCategories(db))
          .filter((c) => c.level === 2 && (complaint.kind === 'misconduct') === c.code.startsWith('JJ'))
          .map((c) => ({ code: c.code, name: c.nameZh }))
      : [],
  };
}

export type CaseView = Awaited<ReturnType<typeof getCaseView>>;
