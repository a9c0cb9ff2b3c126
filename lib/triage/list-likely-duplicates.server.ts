import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listDuplicateCandidates } from '@/db/queries/triage';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { segmentWords } from './segment';
import { wordSetCosine } from './text-similarity';

/**
 * What makes two complaints likely duplicates: same place (within `radiusM`), recent (submitted
 * within `days` of each other), same level-1 category, same kind, and similar text (word-set cosine of
 * the jieba content words ≥ `minSimilarity`). Environment overrides: SUQIU_DUPLICATE_RADIUS_M,
 * SUQIU_DUPLICATE_DAYS, SUQIU_DUPLICATE_MIN_SIMILARITY.
 */
export const DUPLICATE_RULES = {
  radiusM: Number(process.env.SUQIU_DUPLICATE_RADIUS_M ?? 200),
  days: Number(process.env.SUQIU_DUPLICATE_DAYS ?? 14),
  minSimilarity: Number(process.env.SUQIU_DUPLICATE_MIN_SIMILARITY ?? 0.3),
};

export interface LikelyDuplicate {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  categoryCode: string | null;
  submittedAt: Date;
  distanceM: number;
  similarity: number;
  /** Submitted before this case: the case this one may be merged into. */
  earlier: boolean;
}

/**
 * Likely duplicates of one complaint among the cases the viewer may see, most similar first. Computed
 * when asked (the case page), so the list is always current and needs no stored flags.
 */
export async function listLikelyDuplicates(
  db: DbOrTx,
  params: {
    user: AuthUser;
    complaint: { id: number; title: string; description: string; submittedAt: Date | string };
    rules?: Partial<typeof DUPLICATE_RULES>;
  },
): Promise<LikelyDuplicate[]> {
  const rules = { ...DUPLICATE_RULES, ...params.rules };
  const candidates = await listDuplicateCandidates(db, {
    complaintId: params.complaint.id,
    radiusM: rules.radiusM,
    days: rules.days,
    scope: complaintScope(params.user),
  });
  if (candidates.length === 0) return [];
  const mine = segmentWords(`${params.complaint.title}\n${params.complaint.description}`);
  const submitted = new Date(params.complaint.submittedAt).getTime();
  return candidates
    .map((c) => ({
      id: c.id,
      trackingCode: c.trackingCode,
      title: c.title,
      status: c.status,
      categoryCode: c.categoryCode,
      submittedAt: c.submittedAt,
      distanceM: Math.round(c.distanceM),
      similarity: wordSetCosine(mine, segmentWords(`${c.title}\n${c.description}`)),
      earlier:
        c.submittedAt.getTime() < submitted ||
        (c.submittedAt.getTime() === submitted && c.id < params.complaint.id),
    }))
    .filter((c) => c.similarity >= rules.minSimilarity)
    .sort((a, b) => b.similarity - a.similarity);
}
