import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { parseComplaintExportQuery } from '@/lib/export/complaint-export-query';
import { exportComplaints } from '@/lib/export/export-complaints.server';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { xlsxResponse } from '@/lib/export/xlsx.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** GET ?list=…&<the list's own parameters> → the list as a streaming .xlsx (see complaint-export-query.ts). */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const query = parseComplaintExportQuery(searchParamsOf(request));
    const result = await exportComplaints(await getDb(), user, query, {
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
