import { routingRuleInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveRoutingRule } from '@/lib/admin/save-routing-rule.server';

/** Add a 权责匹配 rule. */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveRoutingRule(db, user, { input: routingRuleInput.parse(body), ip }),
  );
}
