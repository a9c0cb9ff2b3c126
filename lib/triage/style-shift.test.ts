/**
 * The shipped training on messages of another style it never saw: trains exactly as the seed does (the
 * team corpus, the pooled calibration and the shift cap fitted with db/seed/data/triage-dev) and checks
 * the style-shift test set (db/seed/data/triage-shift) and residents' messages with level-2 labels
 * (db/seed/data/triage-resident), both never trained on. Slow: one full training for the file, ≈ 50 s
 * of CPU, several minutes on a loaded machine (once per CI run: train-cache.ts).
 */
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '@/db/seed/corpus/categories';
import { BOARD_CLASS_FAMILIES } from './board-classes';
import { decideCategory, familyOf, SHIPPED_THRESHOLDS } from './decide-category';
import { classifierInput } from './features';
import { readCorpusDir, readLabelledCsv, readStyleDevSet } from './read-labelled-csv';
import { segmentWords } from './segment';
import { shiftSamples } from './shift-samples';
import { predictText, type TextClassifierModel } from './text-classifier';
import { trainTextClassifierOnce } from './train-cache';

const leaves = new Set(CATEGORIES.flatMap((c) => c.children.map((s) => s.code)));
const featurise = (text: string) => classifierInput(text, segmentWords);
let trained: TextClassifierModel | null = null;
/** The model the seed ships, trained once for this file. */
function shippedModel(): TextClassifierModel {
  trained ??= trainTextClassifierOnce(
    readCorpusDir()
      .filter((r) => leaves.has(r.label))
      .map((r, i) => ({ label: r.label, group: `corpus:${r.group ?? i}`, ...featurise(r.text) })),
    { shift: shiftSamples(readStyleDevSet(), featurise) },
  );
  return trained;
}

describe('the suggester on board letters of another style', () => {
  it(
    'puts the right family first for ≥ 80 % and is wrong-family at p ≥ 0.5 for ≤ 2 %, decides ≥ 30 % of them ≥ 95 % right, and keeps auto-dispatch ≥ 95 % right on the corpus',
    () => {
      const model = shippedModel();
      const letters = readLabelledCsv('db/seed/data/triage-shift/board-messages.csv');
      let right = 0;
      let wrongSure = 0;
      let decided = 0;
      let decidedRight = 0;
      for (const l of letters) {
        const { features, parts } = featurise(l.text);
        const p = predictText(model, features, { parts, allow: (c) => !c.startsWith('JJ') });
        const ok = BOARD_CLASS_FAMILIES[l.label]!.includes(familyOf(p.label));
        if (ok) right++;
        else if (p.probability >= 0.5) wrongSure++;
        const d = decideCategory(p.ranked, SHIPPED_THRESHOLDS);
        if (d.code === null) continue;
        decided++;
        if (BOARD_CLASS_FAMILIES[l.label]!.includes(familyOf(d.code))) decidedRight++;
      }
      expect(letters).toHaveLength(194);
      expect(right / letters.length).toBeGreaterThanOrEqual(0.8);
      expect(wrongSure / letters.length).toBeLessThanOrEqual(0.02);
      // The shift cap holds only the letters like the development set's mistakes: the shipped rule
      // still decides a third of these letters automatically (v4, before the pooled calibration and
      // the corpus messages of issue #15: 13 %), and ≥ 95 % of those in the right family.
      expect(decided / letters.length).toBeGreaterThanOrEqual(0.3);
      expect(decidedRight / decided).toBeGreaterThanOrEqual(0.95);
      // The corpus's own out-of-fold figures under the shipped rule still hold (v4: ≈ 19 % coverage).
      expect(model.innerDispatch!.precision).toBeGreaterThanOrEqual(0.95);
      expect(model.innerDispatch!.coverage).toBeGreaterThan(0.2);
      // The calibration error on the corpus's out-of-fold predictions (the cap's price; no cap: ≈ 2 %).
      expect(model.innerCalibrationError!).toBeLessThan(0.25);
      // The development letters, cross-fitted.
      expect(model.shiftFit).toMatchObject({ count: 169, crossFitted: true });
      expect(model.shiftFit!.wrongAtHalf).toBeLessThanOrEqual(0.03);
      expect(model.shiftFit!.familyFirst).toBeGreaterThanOrEqual(0.78);
    },
    20 * 60_000,
  );
});

describe('the suggester on residents’ messages (12345, message board, WeChat; level-2 labels)', () => {
  it(
    'puts the right family first for ≥ 93 %, the right level-2 first for ≥ 89 %, and is wrong-family at p ≥ 0.5 for ≤ 3.5 %',
    () => {
      const model = shippedModel();
      // Never trained on; batches 3 and 4 were sealed while the corpus changed (README there).
      const messages = readLabelledCsv('db/seed/data/triage-resident/resident-messages.csv');
      let family = 0;
      let leaf = 0;
      let wrongSure = 0;
      for (const m of messages) {
        const { features, parts } = featurise(m.text);
        const p = predictText(model, features, { parts, allow: (c) => !c.startsWith('JJ') });
        if (familyOf(p.label) === familyOf(m.label)) family++;
        else if (p.probability >= 0.5) wrongSure++;
        if (p.label === m.label) leaf++;
      }
      expect(messages).toHaveLength(489);
      // Reached on 2026-12-07: 94.9 % family-first, 91.2 % level-2 first, 2.2 % wrong at p ≥ 0.5
      // (the corpus before: 93.9 %, 90.4 %, 3.1 %); the margins are about nine to eleven messages.
      expect(family / messages.length).toBeGreaterThanOrEqual(0.93);
      expect(leaf / messages.length).toBeGreaterThanOrEqual(0.89);
      expect(wrongSure / messages.length).toBeLessThanOrEqual(0.035);
    },
    20 * 60_000,
  );
});
