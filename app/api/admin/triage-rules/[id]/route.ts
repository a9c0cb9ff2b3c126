import { triageRuleInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveTriageRule } from '@/lib/admin/save-triage-rule.server';

/** Edit a 研判 keyword rule (keywords, urgency, category, active); the id in the path is the rule's. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveTriageRule(db, user, {
      mode: 'update',
      input: triageRuleInput.parse({ ...(body as object), id }),
      ip,
    }),
  );
}
