import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { parseComplaintExportQuery } from '@/lib/export/complaint-export-query';
import { exportComplaints } from '@/lib/export/export-complaints.server';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { xlsxResponse } from '@/lib/export/xlsx.server';
import { route } from '@/lib/http/route.server';

/** Every search param as given; which of them apply depends on the list (complaint-export-query.ts). */
const query = z.record(z.string(), z.string());

/** GET ?list=…&<the list's own parameters> → the list as a streaming .xlsx (see complaint-export-query.ts). */
export const GET = route({ auth: 'session', query }, async ({ db, user, query, request }) =>
  xlsxResponse(
    await exportComplaints(db, user, parseComplaintExportQuery(query), {
      now: new Date(),
      locale: localeOfRequest(request),
      ip: requestMeta(request).ip,
      query: new URL(request.url).search.slice(0, 2000),
    }),
  ),
);
