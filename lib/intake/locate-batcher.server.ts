import 'server-only';
import type { Db } from '@/db/client';
import type { LinkRanges } from '@/db/queries/complaint-links';
import { type IntakeLocation, locateForIntake, locateManyForIntake } from '@/db/queries/intake';

/** Most submissions located by one statement. */
const MAX_BATCH = 64;
/** Locating statements in flight at once per process. */
const IN_FLIGHT = 1;

export interface LocateRequest {
  lng: number;
  lat: number;
  idempotencyKey: string | null;
  unit: string | null;
  reporterBuildingId: number | null;
}

interface Waiting {
  request: LocateRequest;
  resolve: (l: IntakeLocation) => void;
  reject: (e: unknown) => void;
}

/**
 * Where each submission's point lies and the linker's candidates around it, read for concurrent
 * submissions together: a submission that arrives while no locating statement is in flight is
 * located at once by the one-point prepared statement (`locateForIntake`); those that arrive
 * meanwhile are located together by the next statement (`locateManyForIntake`, equal answers). At
 * low load nothing waits; under load the round trips and statements per submission fall with the
 * group's size, as for the write (intake-batcher.server.ts).
 */
class LocateBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly p: { nearMeters: number; ranges: LinkRanges },
  ) {}

  locate(request: LocateRequest): Promise<IntakeLocation> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const found =
        batch.length === 1
          ? [await locateOne(this.db, batch[0]!.request, this.p)]
          : await locateManyForIntake(
              this.db,
              batch.map((w) => w.request),
              this.p,
            );
      for (const [i, w] of batch.entries()) w.resolve(found[i]!);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

function locateOne(
  db: Db,
  r: LocateRequest,
  p: { nearMeters: number; ranges: LinkRanges },
): Promise<IntakeLocation> {
  return locateForIntake(db, {
    lng: r.lng,
    lat: r.lat,
    nearMeters: p.nearMeters,
    idempotencyKey: r.idempotencyKey,
    link: { unit: r.unit, reporterBuildingId: r.reporterBuildingId, ranges: p.ranges },
  });
}

const g = globalThis as unknown as { __suqiuLocateBatchers?: WeakMap<Db, LocateBatcher> };

/** Locate one submission's point (and gather its link candidates) through the database's batcher. */
export function locateSubmission(
  db: Db,
  request: LocateRequest,
  p: { nearMeters: number; ranges: LinkRanges },
): Promise<IntakeLocation> {
  g.__suqiuLocateBatchers ??= new WeakMap();
  let batcher = g.__suqiuLocateBatchers.get(db);
  if (!batcher) {
    batcher = new LocateBatcher(db, p);
    g.__suqiuLocateBatchers.set(db, batcher);
  }
  return batcher.locate(request);
}
