/**
 * `npm run triage:shift [-- file.csv …] [--misses]`: how the suggester the demo ships does on messages
 * written in another style than its training corpus (never trained on). Default file:
 * db/seed/data/triage-shift/board-messages.csv, letters to a city message board in its seven coarse
 * classes. Several files are scored with one training. The model is trained exactly as
 * `npm run db:seed` trains it (the team corpus, every level-2 category, no staff-confirmed cases yet,
 * default options; kept under SUQIU_TRAIN_CACHE when that names a directory, train-cache.ts).
 *
 * A file whose labels are board classes (城乡建设 …) counts a prediction right when its family maps to
 * the message's class:
 *   strict (docs/triage-evaluation.md): ZJ/WY/CG → 城乡建设, HB → 环境保护, JT → 交通运输, JY → 教育文体,
 *   MZ → 劳动和社会保障, SC → 商贸旅游, WJ → 卫生计生;
 *   by office: as strict, and SD (停水、停电、水电费) → 城乡建设 too (the 住房和城乡建设局 handles it,
 *   db/seed/corpus/offices.ts).
 * A file whose labels are level-2 codes (e.g. db/seed/data/triage-resident/resident-messages.csv)
 * counts family-first, level-2-first and level-2 in the top three, and what the whole of triage does
 * (lib/triage/triage-text.ts: the keyword rules first, then the model under the shipped thresholds).
 * Prints the share of messages whose top category is in a wrong family with probability ≥ 0.5 (and
 * ≥ 0.3, 0.7, 0.9), what the shipped decision rule would do with them, and the mistakes (`--misses`:
 * every wrong-family message, else only the confident ones).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { CATEGORIES } from '../db/seed/corpus/categories';
import { BOARD_CLASS_FAMILIES, BOARD_CLASS_FAMILIES_BY_OFFICE } from '../lib/triage/board-classes';
import { decideCategory, familyOf, SHIPPED_THRESHOLDS } from '../lib/triage/decide-category';
import { classifierInput } from '../lib/triage/features';
import { readCorpusDir, readStyleDevSet } from '../lib/triage/read-labelled-csv';
import { segmentWords } from '../lib/triage/segment';
import { shiftSamples } from '../lib/triage/shift-samples';
import { predictText } from '../lib/triage/text-classifier';
import { trainTextClassifierOnce } from '../lib/triage/train-cache';
import { triageText } from '../lib/triage/triage-text';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { misses: { type: 'boolean', default: false } },
});
const files = positionals.length > 0 ? positionals : ['db/seed/data/triage-shift/board-messages.csv'];

const t0 = performance.now();
const leaves = new Set(CATEGORIES.flatMap((c) => c.children.map((s) => s.code)));
const corpus = readCorpusDir().filter((r) => leaves.has(r.label));
const featurise = (text: string) => classifierInput(text, segmentWords);
// As the seed trains it: the corpus, and the style-shift development letters for the pooled
// calibration and the cap (never the letters scored here).
const model = trainTextClassifierOnce(
  corpus.map((r, i) => ({ label: r.label, group: `corpus:${r.group ?? i}`, ...featurise(r.text) })),
  { shift: shiftSamples(readStyleDevSet(), featurise) },
);
const seconds = ((performance.now() - t0) / 1000).toFixed(0);
console.log(`model trained as the seed does (${corpus.length} corpus texts, C ${model.c}, ${seconds} s)`);
if (model.shiftFit?.crossFitted) {
  const f = model.shiftFit;
  console.log(
    `development letters (${f.count}, cross-fitted): right family first ${pct(f.familyFirst)}, wrong at p ≥ 0.5 ${pct(f.wrongAtHalf)}, ` +
      `decided ${pct(f.decided ?? 0)} (${pct(f.decidedPrecision ?? 0)} right); corpus inner calibration error ${pct(model.innerCalibrationError ?? 0)}`,
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function predict(text: string) {
  const { features, parts } = featurise(text);
  const p = predictText(model, features, { parts, allow: (l) => !l.startsWith('JJ') });
  return { p, d: decideCategory(p.ranked, SHIPPED_THRESHOLDS), family: familyOf(p.label) };
}

for (const file of files) {
  const rows = (
    parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as {
      id: string;
      text: string;
      label: string;
      batch?: string;
    }[]
  ).filter((m) => m.text?.trim() && m.label?.trim());
  if (rows.every((m) => leaves.has(m.label))) reportLeaves(file, rows);
  else reportBoard(file, rows);
}

function reportBoard(file: string, all: { id: string; text: string; label: string }[]): void {
  const messages = all.filter((m) => BOARD_CLASS_FAMILIES[m.label]);
  const predictions = messages.map((m) => ({ m, ...predict(m.text) }));
  console.log(`\n${file}: ${messages.length} messages, 7 board classes\n`);
  for (const [name, map] of [
    ['strict mapping', BOARD_CLASS_FAMILIES],
    ['by office (SD → 城乡建设 too)', BOARD_CLASS_FAMILIES_BY_OFFICE],
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
  console.log('\nper class (strict): right family first');
  for (const label of Object.keys(BOARD_CLASS_FAMILIES)) {
    const of = predictions.filter((x) => x.m.label === label);
    const ok = of.filter((x) => BOARD_CLASS_FAMILIES[label]!.includes(x.family)).length;
    console.log(`  ${label.padEnd(8)} ${String(ok).padStart(3)} / ${of.length}`);
  }
  const wrong = predictions.filter((x) => !BOARD_CLASS_FAMILIES[x.m.label]!.includes(x.family));
  console.log('\nwrong family at p ≥ 0.5 (strict):');
  for (const x of wrong.filter((x) => x.p.probability >= 0.5)) {
    console.log(
      `  ${x.m.id} ${x.m.label} → ${x.p.label} ${pct(x.p.probability)}  ${x.m.text.split('\n')[0]}`,
    );
  }
  console.log('\nwrong family at p < 0.5 (strict; the top three):');
  for (const x of wrong.filter((x) => x.p.probability < 0.5)) {
    const top = x.p.ranked
      .slice(0, 3)
      .map((r) => `${r.label} ${pct(r.probability)}`)
      .join(', ');
    console.log(`  ${x.m.id} ${x.m.label} → ${top}  ${x.m.text.split('\n')[0]}`);
  }
}

function reportLeaves(
  file: string,
  messages: { id: string; text: string; label: string; batch?: string }[],
): void {
  const n = messages.length;
  const predictions = messages.map((m) => {
    const x = predict(m.text);
    const nl = m.text.indexOf('\n');
    // The whole of triage: the keyword rules first (a rule's category wins), then the model.
    const t = triageText(
      {
        title: nl > 0 ? m.text.slice(0, nl) : '',
        description: nl > 0 ? m.text.slice(nl + 1) : m.text,
        categoryCode: null,
        kind: 'complaint',
      },
      { suggest: () => ({ categoryCode: x.p.label, probability: x.p.probability, ranked: x.p.ranked }) },
    );
    return { m, ...x, t, familyOk: x.family === familyOf(m.label) };
  });
  const count = (f: (x: (typeof predictions)[number]) => boolean) => predictions.filter(f).length;
  console.log(`\n${file}: ${n} messages labelled with level-2 codes\n`);
  console.log(`model: right family first ${pct(count((x) => x.familyOk) / n)}`);
  console.log(`  right level-2 first ${pct(count((x) => x.p.label === x.m.label) / n)}`);
  console.log(
    `  right level-2 in the top three ${pct(count((x) => x.p.ranked.slice(0, 3).some((r) => r.label === x.m.label)) / n)}`,
  );
  for (const t of [0.3, 0.5, 0.7, 0.9]) {
    const wrong = count((x) => !x.familyOk && x.p.probability >= t);
    console.log(
      `  p ≥ ${t}: ${pct(count((x) => x.p.probability >= t) / n)} of messages, wrong family ${wrong} (${pct(wrong / n)})`,
    );
  }
  const decided = predictions.filter((x) => x.d.code !== null);
  console.log(
    `  shipped rule: decides ${pct(decided.length / n)}, in the right family ${pct(decided.filter((x) => familyOf(x.d.code!) === familyOf(x.m.label)).length / (decided.length || 1))}`,
  );
  const byRule = predictions.filter((x) => x.t.categorySource === 'rule');
  const ruleWrong = byRule.filter((x) => familyOf(x.t.categoryCode!) !== familyOf(x.m.label));
  const triageOk = count(
    (x) => (x.t.categorySource === 'rule' ? familyOf(x.t.categoryCode!) : x.family) === familyOf(x.m.label),
  );
  console.log(
    `triage (rules, then the model): right family first ${pct(triageOk / n)}; a rule decides ${byRule.length}, ` +
      `${ruleWrong.length} of them in a wrong family; automatic (rule or shipped thresholds) ${pct(count((x) => x.t.categoryCode !== null) / n)}, ` +
      `wrong family ${count((x) => x.t.categoryCode !== null && familyOf(x.t.categoryCode) !== familyOf(x.m.label))}`,
  );
  for (const x of ruleWrong) console.log(`  rule wrong: ${x.m.id} ${x.m.label} → ${x.t.reason}`);
  const batches = [...new Set(messages.map((m) => m.batch ?? ''))].filter((b) => b !== '');
  if (batches.length > 1) {
    console.log(
      '\nper batch: right family first / level-2 first / level-2 in the top three / wrong family at p ≥ 0.5',
    );
    for (const b of batches) {
      const of = predictions.filter((x) => x.m.batch === b);
      const share = (f: (x: (typeof of)[number]) => boolean) => pct(of.filter(f).length / of.length);
      console.log(
        `  batch ${b} (${of.length}): ${share((x) => x.familyOk)} / ${share((x) => x.p.label === x.m.label)} / ` +
          `${share((x) => x.p.ranked.slice(0, 3).some((r) => r.label === x.m.label))} / ${share((x) => !x.familyOk && x.p.probability >= 0.5)}`,
      );
    }
  }
  console.log('\nper family: right family first / level-2 first');
  for (const c of CATEGORIES) {
    const of = predictions.filter((x) => familyOf(x.m.label) === c.code);
    if (of.length === 0) continue;
    console.log(
      `  ${c.code} ${c.zh.padEnd(5, '　')} ${String(of.filter((x) => x.familyOk).length).padStart(3)} / ${String(of.length).padEnd(3)} ${String(of.filter((x) => x.p.label === x.m.label).length).padStart(3)}`,
    );
  }
  const wrong = predictions.filter((x) => !x.familyOk);
  console.log(`\nwrong family${values.misses ? '' : ' at p ≥ 0.5'} (the top three):`);
  for (const x of wrong.filter((x) => values.misses || x.p.probability >= 0.5)) {
    const top = x.p.ranked
      .slice(0, 3)
      .map((r) => `${r.label} ${pct(r.probability)}`)
      .join(', ');
    console.log(
      `  ${x.m.id} ${x.m.label} → ${top}  [${x.p.evidence.join(' ')}]  ${x.m.text.replace(/\n/g, ' / ').slice(0, 60)}`,
    );
  }
}
