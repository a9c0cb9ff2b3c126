import { triageRuleInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { saveTriageRule } from '@/lib/admin/save-triage-rule.server';

/** Add a 研判 keyword rule. */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveTriageRule(db, user, { mode: 'create', input: triageRuleInput.parse(body), ip }),
  );
}
