/**
 * Next.js start-up hook: start the periodic jobs (lib/system/start-background-jobs.server.ts) in
 * the Node.js server (not at build, not on the edge, not in the workers of `npm run start:cluster`
 * other than the first: SUQIU_BACKGROUND=0).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.NODE_ENV === 'production') {
    // Without the media secret every attachment link would fail: refuse to start, saying why.
    const { mediaSecretProblem } = await import('./lib/intake/media-secret.mjs');
    const problem = mediaSecretProblem();
    if (problem) {
      console.error(`suqiu: refusing to start. ${problem}`);
      process.exit(1);
    }
  }
  if (process.env.SUQIU_BACKGROUND === '0') return;
  const { startBackgroundJobs } = await import('./lib/system/start-background-jobs.server');
  startBackgroundJobs();
}
