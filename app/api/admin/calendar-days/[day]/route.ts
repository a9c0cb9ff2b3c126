import { z } from 'zod';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { deleteCalendarDay } from '@/lib/admin/delete-calendar-day.server';

const dayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day');

/** Remove a calendar exception. */
export async function DELETE(request: Request, { params }: { params: Promise<{ day: string }> }) {
  const raw = (await params).day;
  return adminRoute(request, 'config.manage', ({ db, user, ip }) =>
    deleteCalendarDay(db, user, { day: dayParam.parse(raw), ip }),
  );
}
