import { z } from 'zod';
import { localeOfRequest } from '@/lib/export/locale-of-request';
import { route } from '@/lib/http/route.server';
import { issueMonthlyReport, listReports } from '@/lib/reports/issue-monthly-report.server';

const body = z.object({
  areaCode: z.string().regex(/^\d{12}$/, 'a 12-digit division code'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});

/** GET → the issued reports of the caller's areas (inspectors, leaders). */
export const GET = route({ auth: 'session', cacheControl: 'private, no-store' }, async ({ db, user }) => ({
  reports: await listReports(db, user),
}));

/** POST {areaCode, month} → issue a new version of that area's monthly report (and its PDF). */
export const POST = route({ auth: 'session', body, status: 201 }, async ({ db, user, body, request }) => ({
  report: await issueMonthlyReport(db, user, {
    areaCode: body.areaCode,
    month: body.month,
    now: new Date(),
    locale: localeOfRequest(request),
  }),
}));
