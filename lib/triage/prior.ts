/**
 * Transfer from the team's corpus to a label set it does not share (e.g. a city's own seven classes):
 * a model trained once on the corpus (db/seed/data/triage-corpus) gives every text the probabilities
 * of the corpus's level-1 families, which the learner takes as a small dense block of extra features
 * next to the TF-IDF ones (TrainingSample.dense). The learner is free to weigh them (by cross-
 * validation it learns how far "looks like 住建" predicts its own label); with a few hundred texts per
 * class this knowledge from thousands of other messages is what a bag of n-grams alone lacks. Pure.
 */
import { familyOf, familyRanking } from './decide-category';
import type { LabelledText } from './read-labelled-csv';
import { predictText, type TextClassifierModel, trainTextClassifier } from './text-classifier';

export interface PriorModel {
  model: TextClassifierModel;
  families: string[];
}

export function trainPrior(
  corpus: readonly LabelledText[],
  featurise: (text: string) => string[],
): PriorModel {
  const model = trainTextClassifier(
    corpus.map((r, i) => ({ features: featurise(r.text), label: r.label, group: r.group ?? `#${i}` })),
    { cGrid: [1] },
  );
  return { model, families: [...new Set(model.labels.map(familyOf))].sort() };
}

/** The family probabilities of a featurised text, in `prior.families` order. */
export function priorFeatures(prior: PriorModel, features: readonly string[]): Float64Array {
  const ranking = familyRanking(predictText(prior.model, features).ranked);
  const at = new Map(ranking.map((r) => [r.family, r.probability]));
  return Float64Array.from(prior.families, (f) => at.get(f) ?? 0);
}
