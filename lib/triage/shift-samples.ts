/**
 * The shift texts a training calibrates its cap on (text-classifier.ts `ShiftSample`): letters of the
 * style-shift development set (db/seed/data/triage-dev), each accepting the families of its board
 * class (board-classes.ts). Rows of another label are left out. Pure: the featuriser is passed in.
 */
import { BOARD_CLASS_FAMILIES } from './board-classes';
import type { LabelledText } from './read-labelled-csv';
import type { ShiftSample } from './text-classifier';

export function shiftSamples(
  rows: readonly LabelledText[],
  featurise: (text: string) => { features: string[]; parts: string[][] },
): ShiftSample[] {
  return rows
    .filter((r) => BOARD_CLASS_FAMILIES[r.label])
    .map((r) => ({ ...featurise(r.text), accept: BOARD_CLASS_FAMILIES[r.label]! }));
}
