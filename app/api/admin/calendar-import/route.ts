import { calendarImportInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { importCalendarYear } from '@/lib/admin/import-calendar-year.server';

/** Replace a year's calendar exceptions from CSV (`{ year, csv }`; format in lib/admin/parse-calendar-csv.ts). */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    importCalendarYear(db, user, { ...calendarImportInput.parse(body), ip }),
  );
}
