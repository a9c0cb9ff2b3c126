// One command for a new user: build the app (first time), load the Panzhihua demo city into the
// embedded database if it is empty, then start the server. Each step runs on its own, in order,
// because PGlite allows one process per data folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureMediaSecretFile } from '../lib/intake/media-secret.mjs';

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
run('npx', ['tsx', '--conditions=react-server', 'scripts/seed.ts', '--if-empty']);
// Attachment links are signed with SUQIU_MEDIA_SECRET: kept beside the data folder (0600), made once.
if (!process.env.SUQIU_MEDIA_SECRET) {
  const media = ensureMediaSecretFile(process.env.SUQIU_DATA_DIR ?? '.data/pglite');
  process.env.SUQIU_MEDIA_SECRET = media.secret;
  console.log(`demo: media secret ${media.created ? 'created in' : 'read from'} ${media.file}`);
}
console.log(`demo: starting on http://localhost:${port}`);
// The peer-address hook gives the app the socket's address (lib/http/client-address.ts).
run(process.execPath, [
  '--import',
  './scripts/peer-address.mjs',
  'node_modules/next/dist/bin/next',
  'start',
  '-p',
  port,
]);
