import { officeInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveOffice } from '@/lib/admin/save-office.server';

/** Add a 责任单位. */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveOffice(db, user, { input: officeInput.parse(body), ip }),
  );
}
