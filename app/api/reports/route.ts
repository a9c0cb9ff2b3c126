import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { issueMonthlyReport, listReports } from '@/lib/reports/issue-monthly-report.server';

const bodySchema = z.object({
  areaCode: z.string().regex(/^\d{12}$/, 'a 12-digit division code'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});

/** GET → the issued reports of the caller's areas (inspectors, leaders). */
export async function GET() {
  await connection();
  try {
    const user = await requireCurrentUser();
    return Response.json(
      { reports: await listReports(await getDb(), user) },
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST {areaCode, month} → issue a new version of that area's monthly report (and its PDF). */
export async function POST(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = bodySchema.parse(await readJson(request));
    const result = await issueMonthlyReport(await getDb(), user, {
      areaCode: body.areaCode,
      month: body.month,
      now: new Date(),
      locale: localeOfRequest(request),
    });
    return Response.json({ report: result }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
