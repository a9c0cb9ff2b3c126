import 'server-only';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { SerializedTextClassifier } from './text-classifier';

/**
 * Train in a separate Node process (lib/triage/train-worker.ts run by tsx), so that training (tens
 * of seconds of CPU) never blocks the app's event loop. The texts go in on stdin, the model comes
 * back on stdout; the child opens no database (an embedded PGlite folder has one owner).
 */
export function trainInChildProcess(
  samples: readonly { text: string; label: string; group: string }[],
  /** Board letters that calibrate the shift cap (shift-samples.ts). */
  shift: readonly { text: string; label: string }[] = [],
): Promise<SerializedTextClassifier> {
  const worker = path.join(process.cwd(), 'lib', 'triage', 'train-worker.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker], {
      cwd: process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(
          new Error(
            `triage training process exited ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 500)}`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as SerializedTextClassifier);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(JSON.stringify({ samples, shift }));
  });
}
