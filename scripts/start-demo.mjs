// One command for a new user: build the app (first time), load the Panzhihua demo city into the
// embedded database if it is empty, then start the server. Each step runs on its own, in order,
// because PGlite allows one process per data folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const port = process.env.PORT ?? '3000';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync('.next/BUILD_ID') || process.env.SUQIU_REBUILD === '1') {
  console.log('demo: building the app (first start only; set SUQIU_REBUILD=1 to rebuild)…');
  run('npx', ['next', 'build']);
}
console.log('demo: loading the Panzhihua demo city if the database is empty…');
run('npx', ['tsx', '--conditions=react-server', 'db/cli/seed.ts', '--if-empty']);
console.log(`demo: starting on http://localhost:${port}`);
run('npx', ['next', 'start', '-p', port]);
