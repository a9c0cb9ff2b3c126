import { BuckPassingSection } from '@/components/supervision/buck-passing-section';
import { RoutingAmendmentsCard } from '@/components/supervision/routing-amendments-card';
import { SupervisionBoard } from '@/components/supervision/supervision-board';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/policy';
import { requirePage } from '@/lib/auth/require-page.server';
import { listRoutingAmendments } from '@/lib/routing/list-routing-amendments.server';
import { getBuckPassing } from '@/lib/supervision/get-buck-passing.server';
import { getSupervisionBoard } from '@/lib/supervision/get-supervision-board.server';

/** Days of returns and transfers the buck-passing section reads. */
const BUCK_PASSING_DAYS = 365;

/**
 * 督办看板 (inspectors): overdue and due-soon cases by office, letters, spot checks, for their
 * jurisdiction; then 推诿扯皮 (bouncing cases, office pairs, patterns), which leaders see alone.
 */
export default async function SupervisionPage() {
  const user = await requirePage('supervision');
  const now = new Date();
  const db = await getDb();
  const supervise = can(user, 'complaint.supervise');
  const analyse = can(user, 'buckPassing.read') && user.jurisdiction.kind === 'division';
  const [board, buckPassing, amendments] = await Promise.all([
    supervise ? getSupervisionBoard(db, { user, now }) : null,
    analyse
      ? getBuckPassing(db, { user, from: new Date(now.getTime() - BUCK_PASSING_DAYS * 86_400_000), to: now })
      : null,
    analyse ? listRoutingAmendments(db, { user, now }) : null,
  ]);
  return (
    <div className="staff__page">
      {board && <SupervisionBoard data={board} serverNow={now.getTime()} />}
      {buckPassing && <BuckPassingSection data={buckPassing} level={board ? 2 : 1} />}
      {amendments && (
        <div style={{ marginTop: 16 }}>
          <RoutingAmendmentsCard data={amendments} canApply={false} />
        </div>
      )}
    </div>
  );
}
