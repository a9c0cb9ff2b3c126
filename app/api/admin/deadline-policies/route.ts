import { deadlinePolicyInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveDeadlinePolicy } from '@/lib/admin/save-deadline-policy.server';

/** Add a 时限规则. */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveDeadlinePolicy(db, user, { input: deadlinePolicyInput.parse(body), ip }),
  );
}
