/**
 * Misconduct reports against the built, seeded app (APP_URL, see .ci/run): the 纪委 inspectors of
 * 西区 and 米易县 export their complaints (the export names each row's kind), which gives the seed's
 * misconduct reports of those counties — tracking codes, distinctive titles, and the ids of the ones
 * linked from the inspectors' own pages. Then every demo user signs in and fetches every page of the
 * app (enumerated from app/**\/page.tsx; dynamic ids filled with those misconduct ids, letters and
 * reports linked from the user's own pages) and every GET API (enumerated from app/api and
 * app/open311) with the queries it needs; no answer may carry a report of a county that is not the
 * user's own 纪委 jurisdiction. Plain HTTP with the session cookie, as the browser sends it: the HTML
 * holds the server-rendered data of each page, the APIs the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_URL } from '@/lib/testing/browser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'Suqiu@2026';
const COUNTIES = { 'inspector.xiqu': '510403000000', 'inspector.miyi': '510421000000' } as const;
const USERS = [
  'grid.dongqu',
  'handler.xiqu.health',
  'handler.yanbian.town',
  'leader.city',
  'leader.miyi',
  'admin',
  'inspector.xiqu',
  'inspector.miyi',
] as const;
type User = (typeof USERS)[number];

interface Report {
  owner: keyof typeof COUNTIES;
  trackingCode: string;
  title: string | null;
}
const reports: Report[] = [];
const misconductIds = new Map<string, keyof typeof COUNTIES>();
const cookies = new Map<User, string>();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** '/cases/[id]' style paths of the app's pages and GET routes, from the file system. */
const routePath = (file: string) =>
  `/${path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep).join('/')}`
    .replace(/\/\([^)]+\)/g, '')
    .replace(/^\/$/, '');
const PAGES = walk(path.join(ROOT, 'app'))
  .filter((f) => /[/\\]page\.tsx$/.test(f))
  .map((f) => routePath(f) || '/');
const GET_ROUTES = ['app/api', 'app/open311']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter(
    (f) => /[/\\]route\.ts$/.test(f) && /export\s+async\s+function\s+GET\b/.test(readFileSync(f, 'utf8')),
  )
  .map(routePath);

async function login(username: User): Promise<string> {
  const res = await fetch(`${APP_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: APP_URL, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  expect(cookie).toContain('=');
  return cookie;
}

async function get(user: User | null, url: string): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${APP_URL}${url}`, {
    headers: user ? { cookie: cookies.get(user)! } : {},
    redirect: 'manual',
  });
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  if (type.includes('spreadsheetml') && res.status === 200) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => void cells.push(String(c.text ?? '')))));
    return { status: res.status, text: cells.join('\n'), type };
  }
  if (type.includes('pdf') && res.status === 200) {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    return { status: res.status, text, type };
  }
  return { status: res.status, text: bytes.toString('utf8'), type };
}

/** The rows of an inspector's export, as header → value records. */
async function exportRows(user: keyof typeof COUNTIES): Promise<Record<string, string>[]> {
  const res = await fetch(`${APP_URL}/api/export/complaints.xlsx?list=all&from=2000-01&to=2100-12`, {
    headers: { cookie: cookies.get(user)! },
  });
  expect(res.status, `${user} export`).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, string> = {};
    row.eachCell((cell, col) => {
      rec[header[col] ?? String(col)] = String(cell.text ?? '');
    });
    rows.push(rec);
  });
  return rows;
}

const linksIn = (html: string, prefix: string) =>
  [...new Set([...html.matchAll(new RegExp(`${prefix}/(\\d+)`, 'g'))].map((m) => m[1]!))].slice(0, 40);

beforeAll(async () => {
  for (const u of USERS) cookies.set(u, await login(u));
  const owners = Object.keys(COUNTIES) as (keyof typeof COUNTIES)[];
  const exports = new Map(await Promise.all(owners.map(async (o) => [o, await exportRows(o)] as const)));
  // Counted over every inspector's export: the demo corpus gives reports of different counties the
  // same title, and another county's own report with that title is no leak.
  const titleCount = new Map<string, number>();
  for (const rows of exports.values()) {
    for (const r of rows) titleCount.set(r['标题'] ?? '', (titleCount.get(r['标题'] ?? '') ?? 0) + 1);
  }
  for (const owner of owners) {
    const rows = exports.get(owner)!;
    for (const r of rows) {
      if (r['类型'] !== '问题线索举报') continue;
      const title = r['标题'] ?? '';
      // A title is a needle only when long and not shared with another row (ordinary ones included).
      reports.push({
        owner,
        trackingCode: r['诉求编号']!,
        title: title.length >= 10 && titleCount.get(title) === 1 ? title : null,
      });
    }
    // Ids of misconduct cases linked from the inspector's own pages (open ones; the by-id sweep of
    // every API with a misconduct id is lib/auth/misconduct-leak.db.test.ts).
    for (const page of ['/dispatch', '/supervision', '/inbox', '/workbench']) {
      const { text } = await get(owner, page);
      for (const id of linksIn(text, '/cases')) {
        const c = await get(owner, `/api/complaints/${id}`);
        if (
          c.status === 200 &&
          (JSON.parse(c.text) as { complaint: { kind: string } }).complaint.kind === 'misconduct'
        )
          misconductIds.set(id, owner);
      }
    }
  }
}, 300_000);

function needlesFor(user: User): string[] {
  return reports
    .filter((r) => r.owner !== user)
    .flatMap((r) => [r.trackingCode, ...(r.title ? [r.title] : [])]);
}

describe('the seed’s misconduct reports, swept through the running app', () => {
  it('were found (the inspectors export them, with their kind)', () => {
    // Both inspectors' counties hold misconduct reports in the demo city.
    expect(new Set(reports.map((r) => r.owner))).toEqual(new Set(Object.keys(COUNTIES)));
    console.info(
      `${reports.length} misconduct reports (${reports.filter((r) => r.title).length} with distinctive titles), ${misconductIds.size} case ids`,
    );
  });

  it.each(USERS)(
    '%s: every page and GET API shows none outside the user’s own 纪委 jurisdiction',
    async (user) => {
      const needles = needlesFor(user);
      const found: string[] = [];
      let ok = 0;
      const check = (url: string, r: { status: number; text: string }) => {
        if (r.status >= 200 && r.status < 300) ok++;
        for (const n of needles) if (r.text.includes(n)) found.push(`${url} → ${r.status} shows ${n}`);
      };
      const me = JSON.parse((await get(user, '/api/auth/me')).text) as {
        user?: { jurisdiction?: { divisionCode?: string; gridId?: number } };
      };
      const division = me.user?.jurisdiction?.divisionCode ?? '510400000000';
      const ownIds = { cases: new Set<string>(), letters: new Set<string>(), reports: new Set<string>() };
      // Pages (ids: the misconduct cases, and the letters and reports linked from the user's pages).
      for (const page of PAGES.filter((p) => !p.includes('['))) {
        const r = await get(user, page);
        check(page, r);
        for (const id of linksIn(r.text, '/cases')) ownIds.cases.add(id);
        for (const id of linksIn(r.text, '/letters')) ownIds.letters.add(id);
        for (const id of linksIn(r.text, '/reports')) ownIds.reports.add(id);
      }
      const foreign = [...misconductIds].filter(([, owner]) => owner !== user).map(([id]) => id);
      const fill: Record<string, string[]> = {
        '/cases/[id]': [...foreign, ...[...ownIds.cases].slice(0, 10)],
        '/letters/[id]': [...ownIds.letters].slice(0, 5),
        '/reports/[id]': [...ownIds.reports].slice(0, 5),
      };
      for (const page of PAGES.filter((p) => p.includes('['))) {
        for (const id of fill[page] ?? foreign) {
          const url = page.replace(/\[\w+\]/, id);
          check(url, await get(user, url));
        }
      }
      // GET APIs, with the queries the app's own screens send.
      const bbox = 'bbox=101.0,26.0,102.3,27.3';
      const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date().toISOString().slice(0, 10);
      const queries: Record<string, string[]> = {
        '/api/analytics/hotspots': [`division=${division}`],
        '/api/analytics/emerging': [`division=${division}&months=6`],
        '/api/analytics/clusters': [`division=${division}`],
        '/api/clues/findings': [`division=${division}`],
        '/api/map/areas': ['level=county', 'level=town'],
        '/api/map/cells': [`${bbox}&zoom=10`, `${bbox}&zoom=12`],
        '/api/map/hexagons': [`${bbox}&zoom=10`],
        '/api/export/complaints.xlsx': ['list=all', 'list=inbox', 'list=dispatch'],
        '/api/export/stats.xlsx': ['indicators', 'offices', 'categories'].map(
          (t) => `table=${t}&area=${division}&from=${from}&to=${to}`,
        ),
        '/api/stats/complaints': [`indicator=volume&area=${division}&from=${from}&to=${to}`],
        '/open311/v2/[...path]': ['requests.json', 'requests.xml', 'services.json'],
      };
      for (const route of GET_ROUTES) {
        if (route === '/open311/v2/[...path]') {
          for (const p of queries[route]!) check(`/open311/v2/${p}`, await get(user, `/open311/v2/${p}`));
          for (const r of reports.slice(0, 5)) {
            const url = `/open311/v2/requests/${r.trackingCode}.json`;
            const res = await get(user, url);
            expect(res.status, url).toBe(404);
          }
          // The public id is the complaint's number: a misconduct report's answers 404 too.
          for (const id of [...misconductIds.keys()].slice(0, 5)) {
            const url = `/open311/v2/requests/${id}.json`;
            expect((await get(user, url)).status, url).toBe(404);
          }
          continue;
        }
        if (route.includes('[')) {
          const ids = route.startsWith('/api/complaints/') || route.startsWith('/api/cases/') ? foreign : [];
          for (const id of ids) {
            const url = route.replace(/\[\w+\]/, id);
            check(url, await get(user, url));
          }
          continue;
        }
        for (const q of queries[route] ?? ['', `${bbox}&zoom=12`, `area=${division}&from=${from}&to=${to}`]) {
          const url = q ? `${route}?${q}` : route;
          check(url, await get(user, url));
        }
      }
      expect(ok, 'pages and APIs answered').toBeGreaterThan(5);
      expect(found).toEqual([]);
    },
  );
});
