import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { CaseDetail } from '@/components/cases/case-detail';
import { CaseDuplicates } from '@/components/cases/case-duplicates';
import { CaseSupervisionPanel } from '@/components/supervision/case-supervision-panel';
import { getDb } from '@/db/client';
import { caseBackLink } from '@/lib/auth/pages';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { caseIsOverdue } from '@/lib/supervision/case-is-overdue';
import { getCaseSupervision } from '@/lib/supervision/get-case-supervision.server';
import { listLikelyDuplicates } from '@/lib/triage/list-likely-duplicates.server';
import { getCaseView } from '@/lib/workflow/get-case-view.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** One case: facts, deadlines, routing reason, place and map, attachments, timeline, allowed actions. */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('cases');
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const view = await getCaseView(db, { user, id: parsed.data.id }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  });
  const [supervision, duplicates] = await Promise.all([
    getCaseSupervision(db, { user, complaintId: view.complaint.id }),
    view.verbs.includes('merge')
      ? listLikelyDuplicates(db, { user, complaint: view.complaint })
      : Promise.resolve([]),
  ]);
  const now = Date.now();
  const back = caseBackLink(user);
  const tn = await getTranslations('shell');
  return (
    <div className="staff__page">
      <CaseDetail
        data={view}
        serverNow={now}
        backHref={back.href}
        backLabel={tn('back', { page: tn(`nav.${back.key}` as 'nav.overview') })}
        supervision={
          <>
            <CaseSupervisionPanel
              complaintId={view.complaint.id}
              overdue={caseIsOverdue(view.complaint, new Date(now))}
              data={supervision}
              serverNow={now}
            />
            {view.verbs.includes('merge') && (
              <CaseDuplicates
                caseId={view.complaint.id}
                status={view.complaint.status}
                canMerge
                items={duplicates.map((d) => ({
                  id: d.id,
                  trackingCode: d.trackingCode,
                  title: d.title,
                  status: d.status,
                  distanceM: d.distanceM,
                  similarity: d.similarity,
                  earlier: d.earlier,
                }))}
              />
            )}
          </>
        }
      />
    </div>
  );
}
