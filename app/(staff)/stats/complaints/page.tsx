import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { DrillDownList } from '@/components/stats/drill-down-list';
import { getDb } from '@/db/client';
import { listLevel1Categories, listOfficeNames } from '@/db/queries/stats';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { complaintsQuery } from '@/lib/stats/api-params';
import { listIndicatorComplaints } from '@/lib/stats/list-indicator-complaints.server';
import { wholeMonths } from '@/lib/stats/period';
import { statsQueryString } from '@/lib/stats/url-state';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const PAGE_SIZE = 50;

/** The complaints behind a statistic (drill-down from any figure of /stats), each linked to /cases/<id>. */
export default async function StatsComplaintsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage('stats');
  const t = await getTranslations('stats');
  const sp = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  ) as Record<string, string | undefined>;
  const parsed = complaintsQuery.safeParse(sp);
  if (!parsed.success) notFound();
  const q = parsed.data;
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .catch(1)
    .parse(sp.page ?? 1);
  const db = await getDb();
  try {
    const result = await listIndicatorComplaints(db, user, {
      indicator: q.indicator,
      part: q.part,
      areaCode: q.areaCode,
      from: q.from,
      to: q.to,
      officeId: q.office,
      category: q.category,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    // Area and office names are data (Chinese only); category names have an English column.
    const data = (chunks: ReactNode) => <span data-user-content>{chunks}</span>;
    const en = (await getLocale()) === 'en';
    const filters: ReactNode[] = [];
    if (q.office) {
      const [office] = await listOfficeNames(db, [q.office]);
      filters.push(t.rich('drillFilters.office', { data, name: office?.name ?? `#${q.office}` }));
    }
    if (q.category !== undefined) {
      const cat = (await listLevel1Categories(db)).find((c) => c.code === q.category);
      filters.push(
        t('drillFilters.category', { name: (en ? cat?.nameEn : cat?.nameZh) ?? t('uncategorised') }),
      );
    }
    const month = wholeMonths({ from: q.from, to: q.to }) === 1 ? q.from.slice(0, 7) : null;
    const back = `/stats?${statsQueryString({ area: result.area.code, month, from: q.from, to: q.to })}`;
    return (
      <DrillDownList
        indicator={q.indicator}
        part={q.part}
        summary={t.rich('drillSummary', {
          data,
          area: result.area.name,
          from: q.from,
          to: q.to,
          total: result.total,
        })}
        filters={filters}
        backHref={back}
        total={result.total}
        rows={result.rows}
        page={page}
        pageSize={PAGE_SIZE}
      />
    );
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')) notFound();
    throw error;
  }
}
