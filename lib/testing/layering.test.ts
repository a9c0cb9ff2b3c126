/**
 * The layering (`app → components → lib → db`) is a lint rule (biome.json `overrides`,
 * `noRestrictedImports`), so `npm run check` fails on an upward import. This proves it: probe files
 * with one import each are written into the folders and linted (one Biome run) with the project's own
 * configuration; each upward import must fail with the rule, and the same kind of import one layer
 * down must pass.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/.bin/biome');
const tag = `__layering_probe_${process.pid}_`;
const RULE = 'lint/style/noRestrictedImports';
const NO_FETCH = 'lint/style/noRestrictedGlobals';

/** Probe file (relative to the root) → its source. */
const PROBES: Record<string, string> = {
  [`components/${tag}db.ts`]: "export { getDb } from '@/db/client';\n",
  [`components/${tag}server.ts`]:
    "import type { MapCells } from '@/lib/map/read-map-cells.server';\nexport type X = MapCells;\n",
  [`components/${tag}contract.ts`]: "export type { MapCells } from '@/lib/map/map.types';\n",
  [`lib/${tag}components.ts`]: "export { StaffMap } from '@/components/map/staff-map';\n",
  [`lib/${tag}app.ts`]: "export { GET } from '@/app/api/topics/route';\n",
  [`lib/${tag}db.ts`]: "export { getDb } from '@/db/client';\n",
  [`db/${tag}relative.ts`]: "export { getClue } from '../lib/clues/manage-clues.server';\n",
  [`db/${tag}alias.ts`]: "export { getClue } from '@/lib/clues/manage-clues.server';\n",
  [`db/${tag}pure.ts`]: "export { DEADLINE_STATES } from '@/lib/sla/deadline-state';\n",
  [`db/${tag}policy.ts`]: "export { complaintScope } from '@/lib/auth/policy';\n",
  [`db/${tag}policy-relative.ts`]: "export { complaintScope } from '../lib/auth/policy';\n",
  [`components/${tag}fetch.ts`]: "export const load = () => fetch('/api/topics');\n",
  [`components/${tag}query.ts`]:
    "import { getJson } from '@/lib/query/api-client';\nexport const load = () => getJson('/api/topics');\n",
  [`lib/query/${tag}fetch.ts`]: "export const load = () => fetch('/api/topics');\n",
};

let rulesOf: (file: string) => string[];

beforeAll(async () => {
  await Promise.all(Object.entries(PROBES).map(([file, source]) => writeFile(path.join(root, file), source)));
  const stdout = await new Promise<string>((resolve) => {
    execFile(biome, ['lint', '--reporter=json', ...Object.keys(PROBES)], { cwd: root }, (_e, out) =>
      resolve(out),
    );
  });
  const report = JSON.parse(stdout) as { diagnostics: { category: string; location: { path: string } }[] };
  rulesOf = (file) => report.diagnostics.filter((d) => d.location.path === file).map((d) => d.category);
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.keys(PROBES).map((file) => rm(path.join(root, file), { force: true })));
});

describe('the layering is enforced by the linter', () => {
  it('components/ may not import db/ or a *.server.ts file, not even a type; a contract is fine', () => {
    expect(rulesOf(`components/${tag}db.ts`)).toContain(RULE);
    expect(rulesOf(`components/${tag}server.ts`)).toContain(RULE);
    expect(rulesOf(`components/${tag}contract.ts`)).not.toContain(RULE);
  });

  it('lib/ may not import components/ or app/; db/ is fine', () => {
    expect(rulesOf(`lib/${tag}components.ts`)).toContain(RULE);
    expect(rulesOf(`lib/${tag}app.ts`)).toContain(RULE);
    expect(rulesOf(`lib/${tag}db.ts`)).not.toContain(RULE);
  });

  it('db/ may not import a lib/ *.server.ts verb or the policy; a pure lib module is fine', () => {
    expect(rulesOf(`db/${tag}relative.ts`)).toContain(RULE);
    expect(rulesOf(`db/${tag}alias.ts`)).toContain(RULE);
    expect(rulesOf(`db/${tag}policy.ts`)).toContain(RULE);
    expect(rulesOf(`db/${tag}policy-relative.ts`)).toContain(RULE);
    expect(rulesOf(`db/${tag}pure.ts`)).not.toContain(RULE);
  });
});

describe('components/ never call fetch: the browser goes through lib/query/', () => {
  it('the linter rejects fetch in components/ and accepts it in lib/query/', () => {
    expect(rulesOf(`components/${tag}fetch.ts`)).toContain(NO_FETCH);
    expect(rulesOf(`components/${tag}query.ts`)).not.toContain(NO_FETCH);
    expect(rulesOf(`lib/query/${tag}fetch.ts`)).not.toContain(NO_FETCH);
  });

  it('no component calls fetch, not even as window.fetch or globalThis.fetch (tests aside)', async () => {
    const files = (await readdir(path.join(root, 'components'), { recursive: true })).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(tag),
    );
    expect(files.length).toBeGreaterThan(100);
    const calling: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(root, 'components', file), 'utf8');
      if (/\bfetch\s*\(/.test(source)) calling.push(file);
    }
    expect(calling).toEqual([]);
  });
});
