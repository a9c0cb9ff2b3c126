// npm run start:cluster [-- next start options] — production on the server database: one Next.js
// server per core (SUQIU_WORKERS, default the machine's available parallelism), all on one port.
// Node's cluster module shares the listening socket: the primary hands each new connection to the
// next worker in turn. Node runs JavaScript on one thread, so a single `next start` uses one core
// however many the machine has; this uses them all.
//
// Each worker's young generation is larger than Node's default (SUQIU_SEMI_SPACE_MB, default 64: V8's
// --max-semi-space-size): a request allocates many short-lived objects, and with the default 16 MB the
// scavenger ran often enough to take ≈ 16 % of a worker's CPU under intake load (≈ 5 % at 64 MB), for
// at most a few hundred MB more per worker. An explicit --max-semi-space-size (node options) wins.
//
// Only worker 1 runs the background timers (audit sealer, deadline sweep, month-end reports:
// SUQIU_BACKGROUND=0 turns them off in the others). A worker that dies is replaced. In-process
// state is per worker: the reference-data cache (5 s); the rate limits are shared through the
// database (lib/http/rate-store.server.ts). The embedded database (PGlite) allows one
// process per folder, so without DATABASE_URL this runs one worker.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { mediaSecretProblem } from '../lib/intake/media-secret.mjs';

const wanted = Number(process.env.SUQIU_WORKERS ?? availableParallelism());
const workers = process.env.DATABASE_URL ? Math.max(1, wanted) : 1;

if (cluster.isPrimary) {
  // Each worker would refuse to start (instrumentation.ts) and be replaced forever: say it once here.
  const problem = mediaSecretProblem();
  if (problem) {
    console.error(`start:cluster: refusing to start. ${problem}`);
    process.exit(1);
  }
  if (!process.env.DATABASE_URL && wanted > 1) {
    console.warn(
      'start:cluster: no DATABASE_URL — the embedded database allows one process: starting 1 worker',
    );
  }
  const semiSpaceMb = Number(process.env.SUQIU_SEMI_SPACE_MB ?? 64);
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (semiSpaceMb > 0 && !given.some((a) => a.startsWith('--max-semi-space-size'))) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-semi-space-size=${semiSpaceMb}`] });
  }
  let stopping = false;
  const envOf = new Map();
  const fork = (background) => {
    const env = { SUQIU_BACKGROUND: background ? '1' : '0' };
    const worker = cluster.fork(env);
    envOf.set(worker.id, background);
  };
  for (let i = 0; i < workers; i++) fork(i === 0);
  cluster.on('exit', (worker, code, signal) => {
    const background = envOf.get(worker.id);
    envOf.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`start:cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork(background);
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  console.log(`start:cluster: ${workers} worker${workers > 1 ? 's' : ''}`);
} else {
  // Each worker is `next start` with the same arguments; its listen() goes through the primary.
  process.argv = [process.argv[0], 'next', 'start', ...process.argv.slice(2)];
  // The socket's address for rate limits and the audit log (lib/http/client-address.ts).
  await import('./peer-address.mjs');
  await import('next/dist/bin/next');
}
