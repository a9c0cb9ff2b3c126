/**
 * `npm run triage:eval -- labelled.csv [more.csv …] [--group column] [--seeds 5] [--folds 5] [--no-baseline]`
 *
 * Honest figures for the category suggester (lib/triage/text-classifier.ts) on any UTF-8 CSV with a
 * header row and the columns `text` and `label` (others ignored; any label set):
 * 1. exact and near duplicates are collapsed first (lib/triage/dedupe.ts; a cluster keeps its first
 *    text and its most frequent label);
 * 2. k-fold stratified cross-validation whose folds never split a group (`--group column`, e.g. the
 *    story id of the team's corpus), repeated over `--seeds` shuffles: mean and range of macro-F1 and
 *    accuracy, per-class precision / recall / F1 pooled over the seeds;
 * 3. the same folds for a plain baseline (character 1–3-gram TF-IDF + linear SVM, C = 1);
 * 4. auto-dispatch at the shipped thresholds (lib/triage/decide-category.ts): the share decided
 *    automatically (coverage) and how often it was right (precision; a level-1 decision is right when
 *    the family is); family accuracy when labels are level-2 codes (XX00);
 * 5. a reliability table: the top probability in bins against how often the top label was right;
 * 6. each keyword rule's firing rate and, where the labels are category codes, its precision.
 * `--prior auto|on|off`: on a label set that is not the team's category codes (auto), the learner
 * also gets the corpus model's family probabilities as features (lib/triage/prior.ts; trained once
 * on db/seed/data/triage-corpus, which never contains the evaluated texts). On the corpus itself it
 * stays off (it would have seen the test folds).
 * Training runs inside each fold on the training part only (the regularisation is chosen by an inner
 * cross-validation there).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { decideCategory, familyOf, SHIPPED_THRESHOLDS } from '../lib/triage/decide-category';
import { canonicalText, duplicateClusters } from '../lib/triage/dedupe';
import { classificationMetrics, groupedStratifiedFolds, type Metrics } from '../lib/triage/evaluate';
import { classifierInput, textFeatures } from '../lib/triage/features';
import { scoreRow, sparseRows, trainOneVsRest } from '../lib/triage/linear-svm';
import { type PriorModel, priorFeatures, trainPrior } from '../lib/triage/prior';
import { readCorpusDir, readStyleDevSet } from '../lib/triage/read-labelled-csv';
import { evaluateRules } from '../lib/triage/rule-report';
import { segmentWords } from '../lib/triage/segment';
import { shiftSamples } from '../lib/triage/shift-samples';
import { predictText, type ShiftSample, trainTextClassifier } from '../lib/triage/text-classifier';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    group: { type: 'string' },
    seeds: { type: 'string', default: '5' },
    folds: { type: 'string', default: '5' },
    'no-baseline': { type: 'boolean', default: false },
    leaf: { type: 'string', default: String(SHIPPED_THRESHOLDS.leaf) },
    family: { type: 'string', default: String(SHIPPED_THRESHOLDS.family) },
    prior: { type: 'string', default: 'auto' },
  },
});
const files = positionals;
if (files.length === 0) {
  console.error(
    'usage: npm run triage:eval -- labelled.csv [more.csv …] [--group column] [--seeds 5] [--folds 5] [--no-baseline]',
  );
  process.exit(2);
}
const file = files.length === 1 ? files[0]! : `${files.length} files`;
const records = files.flatMap(
  (f) =>
    parse(readFileSync(f, 'utf8'), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as Record<string, string | undefined>[],
);
if (records.length === 0 || !('text' in records[0]!) || !('label' in records[0]!)) {
  console.error(`${file}: needs a header row with the columns "text" and "label"`);
  process.exit(2);
}
if (values.group && !(values.group in records[0]!)) {
  console.error(`${file}: no column "${values.group}"`);
  process.exit(2);
}
const t0 = performance.now();
const raw = records
  .map((r, i) => ({
    text: (r.text ?? '').trim(),
    label: (r.label ?? '').trim(),
    group: values.group ? `g:${(r[values.group] ?? '').trim() || `#${i}`}` : `#${i}`,
    style: (r.style ?? '').trim(),
  }))
  .filter((r) => r.text && r.label);

// 1. Collapse exact and near duplicates (a cluster keeps its first text, its majority label, its
//    first text's group; other groups of the cluster are merged into it).
const cluster = duplicateClusters(raw.map((r) => r.text));
const groupAlias = new Map<string, string>();
const byCluster = new Map<number, number[]>();
cluster.forEach((c, i) => {
  byCluster.set(c, [...(byCluster.get(c) ?? []), i]);
});
const rows: typeof raw = [];
let exactOrNear = 0;
for (const [c, members] of byCluster) {
  const votes = new Map<string, number>();
  for (const i of members) votes.set(raw[i]!.label, (votes.get(raw[i]!.label) ?? 0) + 1);
  const label = [...votes].sort((a, b) => b[1] - a[1])[0]![0];
  for (const i of members) groupAlias.set(raw[i]!.group, raw[c]!.group);
  rows.push({ ...raw[c]!, label });
  exactOrNear += members.length - 1;
}
// Groups that were joined by a duplicate across them become one group.
const rootGroup = (g: string): string => {
  let x = g;
  for (let n = 0; n < 20 && groupAlias.get(x) && groupAlias.get(x) !== x; n++) x = groupAlias.get(x)!;
  return x;
};
for (const r of rows) r.group = rootGroup(r.group);

const k = Number(values.folds);
const seeds = Number(values.seeds);
const thresholds = { leaf: Number(values.leaf), family: Number(values.family) };
const inputs = rows.map((r) => classifierInput(r.text, segmentWords));
const features = inputs.map((x) => x.features);
const labels = [...new Set(rows.map((r) => r.label))].sort();
const hierarchical = labels.every((l) => /^[A-Z]{2}\d{2}$/.test(l));
const counts = new Map<string, number>();
for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
const groupsCount = new Set(rows.map((r) => r.group)).size;
const usePrior = values.prior === 'on' || (values.prior === 'auto' && !hierarchical);
let prior: PriorModel | null = null;
let dense: Float64Array[] = [];
if (usePrior) {
  const tp = performance.now();
  // The prior never trains on an evaluated text, a near copy of one, or a text of its group.
  const evaluatedGroups = new Set(raw.map((r) => r.group.slice(2)));
  const evaluatedText = new Set(raw.map((r) => canonicalText(r.text)));
  const corpus = readCorpusDir().filter(
    (r) =>
      !(values.group && r.group && evaluatedGroups.has(r.group)) && !evaluatedText.has(canonicalText(r.text)),
  );
  prior = trainPrior(corpus, (t) => textFeatures(t, segmentWords));
  dense = features.map((f) => priorFeatures(prior!, f));
  console.error(
    `prior: the team corpus's family model (${prior.families.length} families), ${((performance.now() - tp) / 1000).toFixed(1)} s`,
  );
}

// The shipped training's shift cap: on the team's category codes (no prior block) every fold's
// model is calibrated on the style-shift development letters too, as the seed's model is.
const shift: ShiftSample[] =
  hierarchical && !usePrior ? shiftSamples(readStyleDevSet(), (t) => classifierInput(t, segmentWords)) : [];

// 3. The baseline: character 1–3-grams of the raw text (punctuation included), TF-IDF (raw tf,
//    smoothed idf, L2), one-vs-rest linear SVM (squared hinge, C = 1, no class weights).
function baselineFeatures(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const out: string[] = [];
  for (let n = 1; n <= 3; n++)
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}
const baseFeats = values['no-baseline'] ? [] : rows.map((r) => baselineFeatures(r.text));
function baseline(train: number[], test: number[]): string[] {
  const df = new Map<string, number>();
  for (const i of train) for (const f of new Set(baseFeats[i]!)) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = new Map([...df.keys()].map((f, j) => [f, j]));
  const n = train.length;
  const idf = [...df.values()].map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const vec = (i: number) => {
    const tf = new Map<number, number>();
    for (const f of baseFeats[i]!) {
      const j = vocab.get(f);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const value = Float64Array.from(index, (j) => tf.get(j)! * idf[j]!);
    const norm = Math.hypot(...value) || 1;
    for (let q = 0; q < value.length; q++) value[q]! /= norm;
    return { index, value };
  };
  const classes = [...new Set(train.map((i) => rows[i]!.label))].sort();
  const x = sparseRows(train.map(vec), vocab.size);
  const targets = Int32Array.from(train, (i) => classes.indexOf(rows[i]!.label));
  const [w] = trainOneVsRest(x, targets, classes.length, [1], { balance: false });
  const xt = sparseRows(test.map(vec), vocab.size);
  return test.map((_, q) => {
    const s = scoreRow(w!, xt, q, classes.length);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c]! > s[best]!) best = c;
    return classes[best]!;
  });
}

interface Outcome {
  seed: number;
  ranked: { label: string; probability: number }[];
  label: string;
  predicted: string;
  probability: number;
  decided: string | null;
  level: 1 | 2 | null;
  family: string;
}
const runs: {
  model: Metrics;
  base: Metrics | null;
  outcomes: Outcome[];
  familyAccuracy: number;
  c: number[];
}[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const folds = groupedStratifiedFolds(
    rows.map((r) => r.label),
    rows.map((r) => r.group),
    k,
    seed,
  );
  const outcomes = new Array<Outcome>(rows.length);
  const basePred = new Array<string>(rows.length);
  const cs: number[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    folds.forEach((fi, i) => {
      (fi === f ? test : train).push(i);
    });
    const model = trainTextClassifier(
      train.map((i) => ({
        features: features[i]!,
        label: rows[i]!.label,
        group: rows[i]!.group,
        dense: dense[i],
        parts: inputs[i]!.parts,
      })),
      { seed, shift },
    );
    cs.push(model.c);
    for (const i of test) {
      const p = predictText(model, features[i]!, { dense: dense[i], parts: inputs[i]!.parts });
      const d = decideCategory(p.ranked, thresholds);
      outcomes[i] = {
        seed,
        ranked: p.ranked,
        label: rows[i]!.label,
        predicted: p.label,
        probability: p.probability,
        decided: d.code,
        level: d.level,
        family: d.family,
      };
    }
    if (!values['no-baseline']) {
      baseline(train, test).forEach((l, q) => {
        basePred[test[q]!] = l;
      });
    }
  }
  const model = classificationMetrics(
    outcomes.map((o) => o.label),
    outcomes.map((o) => o.predicted),
  );
  const base = values['no-baseline']
    ? null
    : classificationMetrics(
        rows.map((r) => r.label),
        basePred,
      );
  const familyAccuracy =
    outcomes.filter((o) => familyOf(o.predicted) === familyOf(o.label)).length / outcomes.length;
  runs.push({ model, base, outcomes, familyAccuracy, c: cs });
  console.error(
    `seed ${seed}: macro-F1 ${pct(model.macroF1)}${base ? `  baseline ${pct(base.macroF1)}` : ''}  C ${cs.join(' ')}`,
  );
}
const seconds = ((performance.now() - t0) / 1000).toFixed(1);

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
function summary(xs: number[]) {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return `${pct(mean)} (range ${pct(Math.min(...xs))}–${pct(Math.max(...xs))})`;
}

console.log(
  `${file}: ${raw.length} texts, ${exactOrNear} exact or near duplicates collapsed → ${rows.length} texts in ${groupsCount} groups, ${labels.length} labels`,
);
console.log(
  `${k}-fold grouped stratified cross-validation × ${seeds} seeds (${seconds} s)${prior ? `; with the team corpus's family probabilities as features (${prior.families.length})` : ''}\n`,
);
console.log(
  `model    macro-F1 ${summary(runs.map((r) => r.model.macroF1))}   accuracy ${summary(runs.map((r) => r.model.accuracy))}`,
);
if (!values['no-baseline']) {
  console.log(
    `baseline macro-F1 ${summary(runs.map((r) => r.base!.macroF1))}   accuracy ${summary(runs.map((r) => r.base!.accuracy))}   (char 1–3-gram TF-IDF + linear SVM, C = 1)`,
  );
}
if (hierarchical)
  console.log(`family (level-1) accuracy of the top label ${summary(runs.map((r) => r.familyAccuracy))}`);

// Per-class, pooled over seeds.
const pooled = runs.flatMap((r) => r.outcomes);
const pm = classificationMetrics(
  pooled.map((o) => o.label),
  pooled.map((o) => o.predicted),
);
const width = Math.max(5, ...labels.map((l) => l.length * 2));
console.log(`\n${'label'.padEnd(width)}  precision  recall     F1  support`);
for (const c of pm.perClass) {
  console.log(
    `${c.label.padEnd(width - c.label.length)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)} ${pct(c.f1).padStart(6)}  ${String(c.support / seeds).padStart(7)}`,
  );
}

// Auto-dispatch at the thresholds: pooled, and the range of the seeds' figures.
const right = (o: { label: string; decided: string | null; level: 1 | 2 | null }) =>
  o.level === 2 ? o.decided === o.label : o.level === 1 ? o.decided === familyOf(o.label) : false;
function dispatchAt(outcomes: readonly Outcome[], t: { leaf: number; family: number }) {
  let covered = 0;
  let ok = 0;
  for (const o of outcomes) {
    const d = decideOutcome(o, t);
    if (d.decided === null) continue;
    covered++;
    if (right({ label: o.label, decided: d.decided, level: d.level })) ok++;
  }
  return { coverage: covered / (outcomes.length || 1), precision: ok / (covered || 1) };
}
function decideOutcome(o: Outcome, t: { leaf: number; family: number }) {
  const d = decideCategory(o.ranked, t);
  return { decided: d.code, level: d.level };
}
const decided = pooled.filter((o) => o.decided !== null);
const leafs = decided.filter((o) => o.level === 2);
const perSeed = (t: { leaf: number; family: number }) => runs.map((r) => dispatchAt(r.outcomes, t));
const shipped = perSeed(thresholds);
console.log(
  `\nauto-dispatch at level-2 p ≥ ${thresholds.leaf}${hierarchical ? `, else family p ≥ ${thresholds.family}` : ''}: ` +
    `coverage ${pct(decided.length / pooled.length)}, precision ${pct(decided.filter(right).length / (decided.length || 1))}` +
    ` (level 2: ${pct(leafs.length / pooled.length)} of texts, right ${pct(leafs.filter(right).length / (leafs.length || 1))}` +
    (hierarchical
      ? `; level 1: ${pct((decided.length - leafs.length) / pooled.length)}, right ${pct(decided.filter((o) => o.level === 1 && right(o)).length / (decided.length - leafs.length || 1))}`
      : '') +
    `); the rest → manual queue ("分类置信度不足")`,
);
console.log(
  `  over the seeds: precision ${summary(shipped.map((x) => x.precision))}, coverage ${summary(shipped.map((x) => x.coverage))}`,
);
if (hierarchical) {
  console.log(
    '  other thresholds (level-2 / family: precision at coverage, pooled; precision range over seeds)',
  );
  for (const leaf of [0.8, 0.85, 0.9, 0.95]) {
    const cells = [0.8, 0.85, 0.9, 0.95].map((family) => {
      const t = { leaf, family };
      const all = dispatchAt(pooled, t);
      const ps = perSeed(t).map((x) => x.precision);
      return `${family}: ${pct(all.precision)} at ${pct(all.coverage)} (${pct(Math.min(...ps))}–${pct(Math.max(...ps))})`;
    });
    console.log(`  ${leaf.toFixed(2)} / ${cells.join('  ')}`);
  }
}
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
  const sel = pooled.filter((o) => o.probability >= t);
  console.log(
    `  top p ≥ ${t.toFixed(1)}: coverage ${pct(sel.length / pooled.length).padStart(6)}, top label right ${pct(sel.filter((o) => o.predicted === o.label).length / (sel.length || 1)).padStart(6)}` +
      (hierarchical
        ? `, family right ${pct(sel.filter((o) => familyOf(o.predicted) === familyOf(o.label)).length / (sel.length || 1)).padStart(6)}`
        : ''),
  );
}

// Reliability.
console.log('\nreliability (top probability → how often the top label was right)');
console.log('  bin        texts  mean p  right');
let ece = 0;
for (let b = 0; b < 10; b++) {
  const lo = b / 10;
  const hi = (b + 1) / 10;
  const sel = pooled.filter(
    (o) => o.probability >= lo && (b === 9 ? o.probability <= hi : o.probability < hi),
  );
  if (sel.length === 0) continue;
  const meanP = sel.reduce((s, o) => s + o.probability, 0) / sel.length;
  const acc = sel.filter((o) => o.predicted === o.label).length / sel.length;
  ece += (sel.length / pooled.length) * Math.abs(meanP - acc);
  console.log(
    `  ${lo.toFixed(1)}–${hi.toFixed(1)}  ${String(sel.length / seeds).padStart(7)}  ${pct(meanP).padStart(6)}  ${pct(acc).padStart(6)}`,
  );
}
console.log(`  expected calibration error ${pct(ece)}`);

// Rules.
console.log(
  '\nkeyword rules on this set (fired: share of texts; precision: the rule’s category is the label’s)',
);
for (const r of evaluateRules(rows)) {
  console.log(
    `  ${r.id.padEnd(18)} ${r.name.padEnd(8 - r.name.length)} fired ${String(r.fired).padStart(4)} (${pct(r.fired / rows.length).padStart(5)})` +
      (r.precision === null
        ? ''
        : `  precision ${pct(r.precision).padStart(6)}${r.familyPrecision === null ? '' : `  family ${pct(r.familyPrecision).padStart(6)}`}`) +
      (r.urgency ? `  → ${r.urgency}` : ''),
  );
}
