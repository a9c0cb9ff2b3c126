import 'server-only';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/http/errors';
import { type PreparedSubmission, type WriteOutcome, writeSubmissions } from './write-submissions.server';

/** Most submissions committed by one transaction (SUQIU_INTAKE_BATCH_MAX, default 64). */
const MAX_BATCH = Math.max(1, Number(process.env.SUQIU_INTAKE_BATCH_MAX ?? 64));
/** Transactions writing submissions at once per process (SUQIU_INTAKE_WRITERS, default 2). */
const WRITERS = Math.max(1, Number(process.env.SUQIU_INTAKE_WRITERS ?? 2));

interface Waiting {
  item: PreparedSubmission;
  resolve: (o: WriteOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for intake. A submission that arrives while fewer than WRITERS transactions are
 * writing is written at once, alone; submissions that arrive meanwhile queue, and the next free
 * writer commits all of them (up to MAX_BATCH) in one transaction with a fixed number of statements
 * (`writeSubmissions`). At low load nothing waits; under load the round trips, statements and
 * commits per submission fall with the batch size. Each caller's promise settles only after the
 * commit that holds its complaint. One bad submission makes its batch roll back; the batch's
 * submissions are then written one by one, so only the bad one gets the error.
 */
class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private writing = 0;

  constructor(private readonly db: Db) {}

  write(item: PreparedSubmission): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
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
        const outcomes = await this.db.transaction((tx) =>
          writeSubmissions(
            tx,
            batch.map((w) => w.item),
          ),
        );
        batch.forEach((w, i) => {
          w.resolve(outcomes[i]!);
        });
        return;
      } catch (error) {
        // Written one by one below: each submission gets its own outcome or error. A bad submission
        // (AppError) is expected; anything else (a deadlock, a lost connection) is worth knowing.
        if (!(error instanceof AppError))
          console.warn(`intake: a batch of ${batch.length} failed, writing one by one`, error);
      }
    }
    for (const w of batch) {
      try {
        const [outcome] = await this.db.transaction((tx) => writeSubmissions(tx, [w.item]));
        w.resolve(outcome!);
      } catch (error) {
        w.reject(error);
      }
    }
  }
}

const g = globalThis as unknown as { __suqiuIntakeBatchers?: WeakMap<Db, IntakeBatcher> };

/** Write one prepared submission through the database's group commit. */
export function writeSubmission(db: Db, item: PreparedSubmission): Promise<WriteOutcome> {
  g.__suqiuIntakeBatchers ??= new WeakMap();
  let batcher = g.__suqiuIntakeBatchers.get(db);
  if (!batcher) {
    batcher = new IntakeBatcher(db);
    g.__suqiuIntakeBatchers.set(db, batcher);
  }
  return batcher.write(item);
}
