import { officeInput } from '@/lib/admin/admin-input';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { saveOffice } from '@/lib/admin/save-office.server';

/** Edit a 责任单位 (name, kind, tier, division, categories served). */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveOffice(db, user, { id: idParam.parse(raw), input: officeInput.parse(body), ip }),
  );
}
