import { routingRuleInput } from '@/lib/admin/admin-input';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { deleteRoutingRule } from '@/lib/admin/delete-routing-rule.server';
import { saveRoutingRule } from '@/lib/admin/save-routing-rule.server';

type Ctx = { params: Promise<{ id: string }> };

/** Edit a 权责匹配 rule. */
export async function PATCH(request: Request, { params }: Ctx) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveRoutingRule(db, user, { id: idParam.parse(raw), input: routingRuleInput.parse(body), ip }),
  );
}

/** Remove a 权责匹配 rule. */
export async function DELETE(request: Request, { params }: Ctx) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, ip }) =>
    deleteRoutingRule(db, user, { id: idParam.parse(raw), ip }),
  );
}
