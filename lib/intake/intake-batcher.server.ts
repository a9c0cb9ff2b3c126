import 'server-only';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/http/errors';
import { type PreparedSubmission, type WriteOutcome, writeSubmissions } from './write-submissions.server';

/** Most submissions committed by one statement (SUQIU_INTAKE_BATCH_MAX, default 64). */
const MAX_BATCH = Math.max(1, Number(process.env.SUQIU_INTAKE_BATCH_MAX ?? 64));
/** Statements writing submissions at once per process (SUQIU_INTAKE_WRITERS, default 1: one statement in flight while the next group gathers measured faster than two). */
const WRITERS = Math.max(1, Number(process.env.SUQIU_INTAKE_WRITERS ?? 1));
/** Fresh tracking codes drawn for one submission before giving up (a collision is already rare). */
const MAX_ATTEMPTS = 4;

/** What a submission's write ends in: written, or the same idempotency key already written. */
export type SubmissionOutcome = Exclude<WriteOutcome, { kind: 'collided' }>;

interface Waiting {
  item: PreparedSubmission;
  attempts: number;
  resolve: (o: SubmissionOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for intake. A submission that arrives while fewer than WRITERS statements are
 * writing is written at once, alone; submissions that arrive meanwhile queue, and the next free
 * writer commits all of them (up to MAX_BATCH) in one statement (`writeSubmissions`), which is its
 * own transaction. At low load nothing waits; under load the round trips, statements and commits
 * per submission fall with the group's size. Each caller's promise settles only after the commit
 * that holds its complaint. One bad submission makes its group's statement fail; the group's
 * submissions are then written one by one, so only the bad one gets the error. A submission whose
 * tracking code collided goes back in the queue and is written with the next group.
 */
class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private writing = 0;

  constructor(private readonly db: Db) {}

  write(item: PreparedSubmission): Promise<SubmissionOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, attempts: 0, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < WRITERS && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.writing++;
      void this.commit(batch).finally(() => {
        this.writing--;
        this.pump();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        this.settle(
          batch,
          await writeSubmissions(
            this.db,
            batch.map((w) => w.item),
          ),
        );
        return;
      } catch (error) {
        // Written one by one below: each submission gets its own outcome or error. A bad submission
        // (AppError) is expected; anything else (a deadlock, a lost connection) is worth knowing.
        if (!(error instanceof AppError))
          console.warn(`intake: a group of ${batch.length} failed, writing one by one`, error);
      }
    }
    for (const w of batch) {
      try {
        this.settle([w], await writeSubmissions(this.db, [w.item]));
      } catch (error) {
        w.reject(error);
      }
    }
  }

  private settle(batch: readonly Waiting[], outcomes: readonly WriteOutcome[]): void {
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.kind !== 'collided') w.resolve(outcome);
      else if (++w.attempts >= MAX_ATTEMPTS)
        w.reject(new AppError('INTERNAL', 'Could not allocate a tracking code'));
      else this.queue.push(w);
    });
  }
}

const g = globalThis as unknown as { __suqiuIntakeBatchers?: WeakMap<Db, IntakeBatcher> };

/** Write one prepared submission through the database's group commit. */
export function writeSubmission(db: Db, item: PreparedSubmission): Promise<SubmissionOutcome> {
  g.__suqiuIntakeBatchers ??= new WeakMap();
  let batcher = g.__suqiuIntakeBatchers.get(db);
  if (!batcher) {
    batcher = new IntakeBatcher(db);
    g.__suqiuIntakeBatchers.set(db, batcher);
  }
  return batcher.write(item);
}
