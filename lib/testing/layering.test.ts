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
const CYCLE = 'lint/suspicious/noImportCycles';

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
  [`lib/query/${tag}server.ts`]:
    "import type { MapCells } from '@/lib/map/read-map-cells.server';\nexport type X = MapCells;\n",
  [`lib/query/${tag}db.ts`]: "import type { Bbox } from '@/db/queries/map';\nexport type X = Bbox;\n",
  [`lib/query/${tag}components.ts`]: "export { StaffMap } from '@/components/map/staff-map';\n",
  [`lib/query/${tag}contract.ts`]: "export type { MapCells } from '@/lib/map/map.types';\n",
  [`lib/${tag}cycle-a.ts`]: `import type { B } from '@/lib/${tag}cycle-b';\nexport type A = { b?: B };\n`,
  [`lib/${tag}cycle-b.ts`]: `import type { A } from './${tag}cycle-a';\nexport type B = { a?: A };\n`,
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

  it('lib/query/ (browser code) may not import db/, a *.server.ts file or components/; a contract is fine', () => {
    expect(rulesOf(`lib/query/${tag}server.ts`)).toContain(RULE);
    expect(rulesOf(`lib/query/${tag}db.ts`)).toContain(RULE);
    expect(rulesOf(`lib/query/${tag}components.ts`)).toContain(RULE);
    expect(rulesOf(`lib/query/${tag}contract.ts`)).not.toContain(RULE);
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

describe('imports form no circle', () => {
  it('the linter rejects an import cycle, even of types only', () => {
    expect(rulesOf(`lib/${tag}cycle-a.ts`)).toContain(CYCLE);
    expect(rulesOf(`lib/${tag}cycle-b.ts`)).toContain(CYCLE);
    expect(rulesOf(`lib/${tag}db.ts`)).not.toContain(CYCLE);
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

describe('every route handler goes through the one wrapper (lib/http/route.server.ts)', () => {
  it('each route file exports handlers built by route() or a wrapper built on it, and catches nothing itself', async () => {
    const files = (await readdir(path.join(root, 'app'), { recursive: true })).filter((f) =>
      /(^|\/)route\.ts$/.test(f),
    );
    expect(files.length).toBeGreaterThan(50);
    const wrappers = new Map<string, string>(); // imported name → module
    const bare: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(root, 'app', file), 'utf8');
      const names: string[] = [];
      for (const m of source.matchAll(/import \{([^}]*)\} from '(@\/lib\/[^']+)'/g)) {
        for (const name of m[1]!.split(',').map((n) => n.trim())) {
          if (/^\w*[rR]oute$/.test(name)) {
            names.push(name);
            wrappers.set(name, m[2]!);
          }
        }
      }
      const methods = [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)];
      expect(methods.length, file).toBeGreaterThan(0);
      const usesWrapper =
        names.length > 0 &&
        methods.every((m) => {
          const rest = source.slice(m.index! + 1);
          const next = rest.search(/\nexport /);
          const body = next === -1 ? rest : rest.slice(0, next);
          return names.some((n) => body.includes(`${n}(`));
        });
      if (!usesWrapper || /\btry \{|\bcatch \(/.test(source)) bare.push(file);
    }
    expect(bare).toEqual([]);
    for (const [name, module] of wrappers) {
      if (module === '@/lib/http/route.server') continue;
      const source = await readFile(path.join(root, `${module.slice(2)}.ts`), 'utf8');
      expect(source, `${name} in ${module}`).toMatch(
        /import \{[^}]*\broute\b[^}]*\} from '@\/lib\/http\/route\.server'/,
      );
    }
  });
});

describe('client files import no server code, wherever they live', () => {
  it("no 'use client' file (app/, components/, lib/) imports db/ or a *.server.ts file, not even a type", async () => {
    const offending: string[] = [];
    for (const dir of ['app', 'components', 'lib']) {
      const files = (await readdir(path.join(root, dir), { recursive: true })).filter(
        (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(tag),
      );
      for (const file of files) {
        const source = await readFile(path.join(root, dir, file), 'utf8');
        if (!/^\s*['"]use client['"]/.test(source)) continue;
        if (/from '(@\/db[/']|[^']*\.server')/.test(source)) offending.push(`${dir}/${file}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
