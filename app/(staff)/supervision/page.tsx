import { SupervisionBoard } from '@/components/supervision/supervision-board';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { getSupervisionBoard } from '@/lib/supervision/get-supervision-board.server';

/** 督办看板 (inspectors): overdue and due-soon cases by office, letters, spot checks, for their jurisdiction. */
export default async function SupervisionPage() {
  const user = await requirePage('supervision');
  const now = new Date();
  const board = await getSupervisionBoard(await getDb(), { user, now });
  return (
    <div className="staff__page">
      <SupervisionBoard data={board} serverNow={now.getTime()} />
    </div>
  );
}
