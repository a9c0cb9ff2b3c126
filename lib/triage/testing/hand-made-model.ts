/**
 * A hand-made version-3 classifier for tests: two word features, "w:甲" scores WY02 and "w:乙" scores
 * JY02 (another family); HB01 sits below both.
 */
import type { TextClassifierModel } from '../text-classifier';

export const HAND_MADE_V3: TextClassifierModel = {
  version: 3,
  labels: ['HB01', 'JY02', 'WY02'],
  vocab: ['w:乙', 'w:甲'],
  idf: Float32Array.from([1, 1]),
  blockWeights: { c: 1, w: 1, t: 1 },
  denseWidth: 0,
  weights: Float32Array.from([0, 0, 2, -2, -2, 2]),
  bias: Float32Array.from([-1, 0, 0.05]),
  temperature: 5,
  calibration: { leaf: { a: 3, b: -1 }, family: { a: 3, b: -1 } },
  ensemble: 3,
  c: 1,
  innerMacroF1: 1,
  innerLogLoss: 0,
};
