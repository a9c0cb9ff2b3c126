import { activateTriageModelVersion } from '@/lib/admin/activate-triage-model.server';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';

/** Make a stored version of the category suggester the active one (rollback, or a candidate by hand). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminRoute(request, 'config.manage', ({ db, user, ip }) =>
    activateTriageModelVersion(db, user, { id: idParam.parse(id), ip }),
  );
}
