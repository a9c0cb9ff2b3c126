/**
 * `npm run triage:shift [-- file.csv]`: how the suggester the demo ships does on messages written in
 * another style than its training corpus: db/seed/data/triage-shift/board-messages.csv, letters to a
 * city message board in its seven coarse classes (README there: written for this check, never trained
 * on). The model is trained exactly as `npm run db:seed` trains it (the team corpus, every level-2
 * category, no staff-confirmed cases yet, default options); the label set differs, so a prediction
 * counts as right when its family maps to the message's class:
 *   strict (docs/triage-evaluation.md): ZJ/WY/CG → 城乡建设, HB → 环境保护, JT → 交通运输, JY → 教育文体,
 *   MZ → 劳动和社会保障, SC → 商贸旅游, WJ → 卫生计生;
 *   by office: as strict, and SD (停水、停电、水电费) → 城乡建设 too (the 住房和城乡建设局 handles it,
 *   db/seed/corpus/offices.ts).
 * Prints family-first accuracy, the share of messages whose top category is in a wrong family with
 * probability ≥ 0.5 (and ≥ 0.3, 0.7, 0.9), what the shipped decision rule would do with them, and the
 * confident mistakes.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CATEGORIES } from '../db/seed/corpus/categories';
import { BOARD_CLASS_FAMILIES, BOARD_CLASS_FAMILIES_BY_OFFICE } from '../lib/triage/board-classes';
import { decideCategory, familyOf, SHIPPED_THRESHOLDS } from '../lib/triage/decide-category';
import { classifierInput } from '../lib/triage/features';
import { readCorpusDir, readStyleDevSet } from '../lib/triage/read-labelled-csv';
import { segmentWords } from '../lib/triage/segment';
import { shiftSamples } from '../lib/triage/shift-samples';
import { predictText, trainTextClassifier } from '../lib/triage/text-classifier';

const STRICT = BOARD_CLASS_FAMILIES;
const BY_OFFICE = BOARD_CLASS_FAMILIES_BY_OFFICE;

const file = process.argv[2] ?? 'db/seed/data/triage-shift/board-messages.csv';
const messages = (
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as {
    id: string;
    text: string;
    label: string;
  }[]
).filter((m) => STRICT[m.label]);

const t0 = performance.now();
const leaves = new Set(CATEGORIES.flatMap((c) => c.children.map((s) => s.code)));
const corpus = readCorpusDir().filter((r) => leaves.has(r.label));
const featurise = (text: string) => classifierInput(text, segmentWords);
// As the seed trains it: the corpus, and the style-shift development letters for the pooled
// calibration and the cap (never these test letters).
const model = trainTextClassifier(
  corpus.map((r, i) => ({ label: r.label, group: `corpus:${r.group ?? i}`, ...featurise(r.text) })),
  { shift: shiftSamples(readStyleDevSet(), featurise) },
);
const seconds = ((performance.now() - t0) / 1000).toFixed(0);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const predictions = messages.map((m) => {
  const { features, parts } = featurise(m.text);
  const p = predictText(model, features, { parts, allow: (l) => !l.startsWith('JJ') });
  const d = decideCategory(p.ranked, SHIPPED_THRESHOLDS);
  return { m, p, d, family: familyOf(p.label) };
});
console.log(
  `${file}: ${messages.length} messages, 7 classes; model trained as the seed does (${corpus.length} corpus texts, C ${model.c}, ${seconds} s)\n`,
);
for (const [name, map] of [
  ['strict mapping', STRICT],
  ['by office (SD → 城乡建设 too)', BY_OFFICE],
] as const) {
  const ok = (x: (typeof predictions)[number]) => map[x.m.label]!.includes(x.family);
  const n = predictions.length;
  console.log(`${name}: top category in the right family ${pct(predictions.filter(ok).length / n)}`);
  for (const t of [0.3, 0.5, 0.7, 0.9]) {
    const wrong = predictions.filter((x) => !ok(x) && x.p.probability >= t).length;
    const sure = predictions.filter((x) => x.p.probability >= t).length;
    console.log(
      `  p ≥ ${t}: ${pct(sure / n)} of messages, wrong family ${wrong} (${pct(wrong / n)} of all messages)`,
    );
  }
  const decided = predictions.filter((x) => x.d.code !== null);
  const decidedOk = decided.filter((x) => map[x.m.label]!.includes(familyOf(x.d.code!)));
  console.log(
    `  shipped rule (level-2 p ≥ ${SHIPPED_THRESHOLDS.leaf}, else family p ≥ ${SHIPPED_THRESHOLDS.family}): ` +
      `decides ${pct(decided.length / n)}, in the right family ${pct(decidedOk.length / (decided.length || 1))}; the rest → manual queue`,
  );
}
if (model.shiftFit?.crossFitted) {
  const f = model.shiftFit;
  console.log(
    `\ndevelopment letters (${f.count}, cross-fitted): right family first ${pct(f.familyFirst)}, wrong at p ≥ 0.5 ${pct(f.wrongAtHalf)}, ` +
      `decided ${pct(f.decided ?? 0)} (${pct(f.decidedPrecision ?? 0)} right); corpus inner calibration error ${pct(model.innerCalibrationError ?? 0)}`,
  );
}
console.log('\nper class (strict): right family first');
for (const label of Object.keys(STRICT)) {
  const of = predictions.filter((x) => x.m.label === label);
  const ok = of.filter((x) => STRICT[label]!.includes(x.family)).length;
  console.log(`  ${label.padEnd(8)} ${String(ok).padStart(3)} / ${of.length}`);
}
console.log('\nwrong family at p ≥ 0.5 (strict):');
for (const x of predictions.filter((x) => !STRICT[x.m.label]!.includes(x.family) && x.p.probability >= 0.5)) {
  console.log(`  ${x.m.id} ${x.m.label} → ${x.p.label} ${pct(x.p.probability)}  ${x.m.text.split('\n')[0]}`);
}
console.log('\nwrong family at p < 0.5 (strict; the top three):');
for (const x of predictions.filter((x) => !STRICT[x.m.label]!.includes(x.family) && x.p.probability < 0.5)) {
  const top = x.p.ranked
    .slice(0, 3)
    .map((r) => `${r.label} ${pct(r.probability)}`)
    .join(', ');
  console.log(`  ${x.m.id} ${x.m.label} → ${top}  ${x.m.text.split('\n')[0]}`);
}
