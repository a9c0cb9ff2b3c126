/**
 * For the benches: CPU time used by this process plus the server's backends for its database (read
 * from /proc, so only when PostgreSQL runs on this machine), and the load average. On a shared
 * machine wall-clock times move with the load; CPU time per request and ratios hold better. Only the
 * backends of this process's own connections count (matched by client port), not other users of the
 * same database. Parallel query workers exist only during a statement and are not seen, so a plan
 * with workers is undercounted.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/client';
import { queryRows } from '../db/sql';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return 0;
  }
}

/** Local TCP ports of this process's sockets (its database connections among them), from /proc. */
function ownTcpPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    try {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 9 && inodes.has(cols[9]!)) ports.add(Number.parseInt(cols[1]!.split(':')[1]!, 16));
      }
    } catch {
      // no such table
    }
  }
  return ports;
}

/** The load average, as printed by every bench. */
export const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * A meter of CPU milliseconds (this process + the database backends serving it). On the embedded
 * engine the database runs in this process, so the process's own CPU is the whole figure.
 */
export async function cpuMeter(handle: DbHandle): Promise<() => Promise<number>> {
  const own = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  if (handle.engine !== 'server') return async () => own();
  // Backends come and go with the pool: a backend that ended keeps its last reading.
  const seen = new Map<number, number>();
  const backends = async () => {
    const rows = await queryRows<{ pid: number; port: number | null }>(
      handle.db,
      sql`select pid, client_port as port from pg_stat_activity where datname = current_database()`,
    );
    // Only the backends of this process's connections: others may be working on the same database.
    const ports = ownTcpPorts();
    for (const r of rows) {
      if (r.port === null || !ports.has(r.port)) continue;
      seen.set(r.pid, Math.max(seen.get(r.pid) ?? 0, procCpuMs(r.pid)));
    }
    let total = 0;
    for (const ms of seen.values()) total += ms;
    return total;
  };
  return async () => own() + (await backends());
}
