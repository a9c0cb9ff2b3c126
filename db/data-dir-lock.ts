/**
 * A pid lock beside an embedded PGlite data folder (`<folder>.lock`, not inside it, so dumps of the
 * folder never carry it). PGlite itself has no lock: two processes on one folder silently lose
 * writes, so `openDb` takes this lock and every other opener (a second app, `db:seed`, `db:backup`,
 * `db:restore`) is refused with a clear message while the holder is alive. The file is removed when
 * the handle closes or the process exits; after a crash (SIGKILL) it stays behind, and a lock whose
 * pid is no longer running is stale and taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export interface DataDirLockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** What holds it: the process's command line, for the message. */
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockInfo,
  ) {
    super(
      `The embedded database ${dataDir} is open in another process (pid ${holder.pid}, since ${holder.startedAt}: ${holder.command}). ` +
        'PGlite has no lock of its own and two processes on one folder lose writes: stop that process first ' +
        `(or, if it is certainly not running, delete ${lockPathOf(dataDir)}).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function lockPathOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the folder's lock, or null (no lock, or a stale one). */
export function readDataDirLock(dataDir: string): DataDirLockInfo | null {
  let info: DataDirLockInfo;
  try {
    info = JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as DataDirLockInfo;
  } catch {
    return null;
  }
  if (info.host !== hostname()) return info; // another machine on a shared disk: cannot check, assume alive
  return alive(info.pid) ? info : null;
}

const held = new Map<string, number>(); // lock path → open handles in this process
let exitHook = false;

/** Take the folder's lock for this process (re-entrant within a process). Throws DataDirLockedError. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = lockPathOf(dataDir);
  const count = held.get(file);
  if (count) {
    held.set(file, count + 1);
    return once(() => release(file));
  }
  const info: DataDirLockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const holder = readDataDirLock(dataDir);
      if (holder && holder.pid !== process.pid) throw new DataDirLockedError(dataDir, holder);
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {}
    }
  }
  held.set(file, 1);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', releaseAll);
  }
  return once(() => release(file));
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

function release(file: string): void {
  const count = held.get(file) ?? 0;
  if (count > 1) {
    held.set(file, count - 1);
    return;
  }
  held.delete(file);
  removeIfOurs(file);
}

function releaseAll(): void {
  for (const file of held.keys()) removeIfOurs(file);
  held.clear();
}

function removeIfOurs(file: string): void {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as DataDirLockInfo;
    if (info.pid === process.pid) unlinkSync(file);
  } catch {}
}
