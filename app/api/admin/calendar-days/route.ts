import { calendarDayInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveCalendarDay } from '@/lib/admin/save-calendar-day.server';

/** Add or change a calendar exception (holiday or 调休 working day). */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveCalendarDay(db, user, { input: calendarDayInput.parse(body), ip }),
  );
}
