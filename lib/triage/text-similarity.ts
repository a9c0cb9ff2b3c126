/**
 * Text similarity for likely duplicates: cosine of the binary bags of content words (jieba words
 * without function words), |A ∩ B| / √(|A|·|B|). Unlike Jaccard it does not punish a short report of
 * the same problem next to a long one. Pure: pass segmented words.
 */
import { contentWords } from './features';

export function wordSetCosine(a: readonly string[], b: readonly string[]): number {
  const A = new Set(contentWords(a));
  const B = new Set(contentWords(b));
  if (A.size === 0 || B.size === 0) return 0;
  let shared = 0;
  for (const w of A) if (B.has(w)) shared++;
  return shared / Math.sqrt(A.size * B.size);
}
