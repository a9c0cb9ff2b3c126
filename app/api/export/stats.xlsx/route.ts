import { requestMeta } from '@/lib/auth/request-meta';
import { exportStatsTable, statsExportQuery } from '@/lib/export/export-stats-table.server';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { xlsxResponse } from '@/lib/export/xlsx.server';
import { route } from '@/lib/http/route.server';

/** GET ?table=indicators|offices|categories|trend|assessment&area=…&<period> → the statistics table as .xlsx. */
export const GET = route({ auth: 'session', query: statsExportQuery }, async ({ db, user, query, request }) =>
  xlsxResponse(
    await exportStatsTable(db, user, query, {
      now: new Date(),
      locale: localeOfRequest(request),
      ip: requestMeta(request).ip,
      query: new URL(request.url).search.slice(0, 2000),
    }),
  ),
);
