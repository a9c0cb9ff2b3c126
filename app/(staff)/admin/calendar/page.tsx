import { getTranslations } from 'next-intl/server';
import { CalendarEditor } from '@/components/admin/calendar-editor';
import { chineseTerm } from '@/components/ui/user-content';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';

/** 节假日日历 (admins): one year at a time (`?year=`). */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requirePage('admin');
  const t = await getTranslations('admin.calendar');
  const raw = Number((await searchParams).year);
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : undefined;
  const data = await getAdminScreen(await getDb(), user, 'calendar', { year });
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">{t.rich('subtitle', { zh: chineseTerm })}</p>
      <CalendarEditor data={data} />
    </div>
  );
}
