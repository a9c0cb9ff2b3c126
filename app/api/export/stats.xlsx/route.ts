import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { exportStatsTable, statsExportQuery } from '@/lib/export/export-stats-table.server';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { xlsxResponse } from '@/lib/export/xlsx.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** GET ?table=indicators|offices|categories|trend|assessment&area=…&<period> → the statistics table as .xlsx. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const query = statsExportQuery.parse(searchParamsOf(request));
    const result = await exportStatsTable(await getDb(), user, query, {
      now: new Date(),
      locale: localeOfRequest(request),
      ip: requestMeta(request).ip,
      query: new URL(request.url).search.slice(0, 2000),
    });
    return xlsxResponse(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
