/**
 * `npm run triage:eval -- labelled.csv [--folds 5] [--seed 1]`: trains and tests the category
 * suggester (jieba words + character bigrams, TF-IDF, logistic regression; lib/triage) by stratified
 * k-fold cross-validation on any UTF-8 CSV with a header row and the columns `text` and `label`
 * (other columns ignored; any label set; quoted fields with commas and newlines; a BOM is fine).
 * Prints accuracy, macro-F1 and per-class precision / recall / F1 / support.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { crossValidate } from '../lib/triage/evaluate';
import { textFeatures } from '../lib/triage/features';
import { segmentWords } from '../lib/triage/segment';
import { predictText, trainTextClassifier } from '../lib/triage/text-classifier';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { folds: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npm run triage:eval -- labelled.csv [--folds 5] [--seed 1]');
  process.exit(2);
}
const records = parse(readFileSync(file, 'utf8'), {
  columns: true,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: false,
}) as Record<string, string | undefined>[];
if (records.length === 0 || !('text' in records[0]!) || !('label' in records[0]!)) {
  console.error(`${file}: needs a header row with the columns "text" and "label"`);
  process.exit(2);
}
const rows = records
  .map((r) => ({ text: (r.text ?? '').trim(), label: (r.label ?? '').trim() }))
  .filter((r) => r.text && r.label);
const k = Number(values.folds);
const t0 = performance.now();
const samples = rows.map((r) => ({ label: r.label, features: textFeatures(r.text, segmentWords) }));
const counts = new Map<string, number>();
for (const s of samples) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
const small = [...counts].filter(([, n]) => n < k).map(([l]) => l);
if (small.length > 0) console.warn(`warning: fewer than ${k} samples for ${small.join(', ')}`);

const result = crossValidate(
  samples,
  (train) => {
    const model = trainTextClassifier(train);
    return (s) => predictText(model, s.features).label;
  },
  { k, seed: Number(values.seed) },
);
const seconds = ((performance.now() - t0) / 1000).toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `${file}: ${samples.length} texts, ${counts.size} labels, ${k}-fold stratified cross-validation (${seconds} s)`,
);
console.log(`accuracy ${pct(result.accuracy)}   macro-F1 ${pct(result.macroF1)}\n`);
const width = Math.max(5, ...result.labels.map((l) => l.length));
console.log(`${'label'.padEnd(width)}  precision  recall     F1  support`);
for (const c of result.perClass) {
  console.log(
    `${c.label.padEnd(width)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)} ${pct(c.f1).padStart(6)}  ${String(c.support).padStart(7)}`,
  );
}
