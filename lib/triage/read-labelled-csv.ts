/**
 * Labelled text from a UTF-8 CSV with a header row and the columns `text` and `label` (others
 * ignored; quoted fields with commas and newlines; a BOM is fine). Node only (reads a file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export interface LabelledText {
  text: string;
  label: string;
  /** The story a text belongs to (texts of one group never straddle a train/test split). */
  group?: string;
  /** How it was written: wechat, board, hotline, oral, multi, confusable. */
  style?: string;
}

/**
 * The team's training corpus: one CSV per level-1 family (text,label,group,style), written for this
 * project (db/seed/data/triage-corpus/README.md).
 */
export const TEAM_CORPUS_DIR = path.join(process.cwd(), 'db', 'seed', 'data', 'triage-corpus');

/** Every CSV of a corpus folder, in file-name order. */
export function readCorpusDir(dir: string = TEAM_CORPUS_DIR): LabelledText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => readLabelledCsv(path.join(dir, f)));
}

export function parseLabelledCsv(content: string): LabelledText[] {
  const records = parse(content, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string | undefined>[];
  if (records.length > 0 && (!('text' in records[0]!) || !('label' in records[0]!))) {
    throw new Error('The CSV needs a header row with the columns "text" and "label"');
  }
  return records
    .map((r) => ({
      text: (r.text ?? '').trim(),
      label: (r.label ?? '').trim(),
      ...(r.group ? { group: r.group.trim() } : {}),
      ...(r.style ? { style: r.style.trim() } : {}),
    }))
    .filter((r) => r.text !== '' && r.label !== '');
}

export function readLabelledCsv(file: string): LabelledText[] {
  return parseLabelledCsv(readFileSync(file, 'utf8'));
}

/**
 * The style-shift development set: board letters in the seven board classes, written for choosing
 * and fitting the classifier's shift calibration (db/seed/data/triage-dev/README.md). Never the
 * style-shift test set (db/seed/data/triage-shift), which only reports.
 */
export const STYLE_DEV_FILE = path.join(
  process.cwd(),
  'db',
  'seed',
  'data',
  'triage-dev',
  'board-letters.csv',
);

export function readStyleDevSet(file: string = STYLE_DEV_FILE): LabelledText[] {
  return readLabelledCsv(file);
}
