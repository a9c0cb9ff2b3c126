/**
 * Training once per CI run: with SUQIU_TRAIN_CACHE naming a directory (.ci/run sets a fresh temporary
 * one per run), a trained model is kept there under a hash of everything it was trained from (the
 * samples, the options, and the source of lib/triage), so the style-shift test on the second engine
 * and the seed, which train the identical model, read it instead of training again (≈ 50 s of CPU
 * each). Without the variable (the app, a developer's run) it simply trains. Training is
 * deterministic (seeded), so a kept model is the one training would make.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  deserializeTextClassifier,
  serializeTextClassifier,
  type TextClassifierModel,
  type TrainingSample,
  type TrainOptions,
  trainTextClassifier,
} from './text-classifier';

/** The hash of the samples, the options and the training code (every non-test source in lib/triage). */
function trainingKey(samples: readonly TrainingSample[], options: TrainOptions): string | null {
  const hash = createHash('sha256');
  try {
    const dir = path.join(process.cwd(), 'lib', 'triage');
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.ts') && !file.endsWith('.test.ts'))
        hash.update(file).update(readFileSync(path.join(dir, file)));
    }
  } catch {
    return null; // no sources to key on (a deployed build): train
  }
  const dense = (_key: string, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);
  hash.update(JSON.stringify(samples, dense)).update(JSON.stringify(options, dense));
  return hash.digest('hex').slice(0, 24);
}

/** `trainTextClassifier`, or the model it made from the same inputs earlier in this CI run. */
export function trainTextClassifierOnce(
  samples: readonly TrainingSample[],
  options: TrainOptions = {},
): TextClassifierModel {
  const dir = process.env.SUQIU_TRAIN_CACHE;
  const key = dir && !options.inspect ? trainingKey(samples, options) : null;
  if (!dir || !key) return trainTextClassifier(samples, options);
  const file = path.join(dir, `triage-model-${key}.json`);
  try {
    return deserializeTextClassifier(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Not trained yet in this run.
  }
  const model = trainTextClassifier(samples, options);
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(serializeTextClassifier(model)));
  renameSync(partial, file);
  return model;
}
