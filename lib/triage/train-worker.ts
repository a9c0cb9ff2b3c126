/**
 * The training process (lib/triage/train-in-child.server.ts starts it): reads
 * `{ samples: { text, label, group }[], shift?: { text, label }[] }` as JSON on stdin, featurises and trains the category
 * suggester, and writes the SerializedTextClassifier as JSON on stdout. A separate process, so that
 * the CPU-heavy training never blocks the app's requests; it touches no database.
 */
import { classifierInput } from './features';
import { segmentWords } from './segment';
import { shiftSamples } from './shift-samples';
import { serializeTextClassifier, trainTextClassifier } from './text-classifier';

const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('end', () => {
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    samples: { text: string; label: string; group: string }[];
    shift?: { text: string; label: string }[];
  };
  const featurise = (text: string) => classifierInput(text, segmentWords);
  const model = trainTextClassifier(
    input.samples.map((s) => ({ label: s.label, group: s.group, ...featurise(s.text) })),
    { shift: shiftSamples(input.shift ?? [], featurise) },
  );
  process.stdout.write(JSON.stringify(serializeTextClassifier(model)));
});
