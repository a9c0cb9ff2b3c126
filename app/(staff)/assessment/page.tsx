import { notFound } from 'next/navigation';
import { AssessmentView, AssessmentWeightsOnly } from '@/components/stats/assessment-view';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/policy';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { computeAssessment, getAssessmentWeights } from '@/lib/stats/assessment.server';
import { buildAreaPath } from '@/lib/stats/get-stats-dashboard.server';
import { monthPeriod } from '@/lib/stats/period';
import { parseStatsState } from '@/lib/stats/url-state';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** 三率考核: monthly ranking and 红黑榜 (inspectors, leaders); the weights editor (admins). */
export default async function AssessmentPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage('assessment');
  const db = await getDb();
  if (can(user, 'config.manage')) return <AssessmentWeightsOnly weights={await getAssessmentWeights(db)} />;
  const sp = await searchParams;
  const now = new Date();
  const parsed = parseStatsState((k) => single(sp[k]), now);
  const month = parsed.month ?? parsed.to.slice(0, 7);
  try {
    const data = await computeAssessment(db, user, { areaCode: parsed.area, month, now });
    const p = monthPeriod(month);
    const state = { area: data.area.code, month, from: p.from, to: p.to };
    return (
      <AssessmentView
        data={data}
        state={state}
        areaPath={await buildAreaPath(db, user, data.area)}
        canEdit={false}
      />
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
