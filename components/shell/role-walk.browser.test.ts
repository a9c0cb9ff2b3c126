/**
 * The role walk: signs in as every demo user (docs/demo-users.md) and as a resident, in Chinese and in
 * English, and opens every page the sidebar offers plus every staff page the role may not open (and
 * the first case, letter and report a role's pages link to). Each page fails the walk on:
 * - an HTTP 5xx on any request, a Next.js error page, a console error or an uncaught page error;
 * - a page the role may open not answering 200, or one it may not open not answering 403;
 * - not exactly one <h1>; a link to a staff page the role may not open;
 * - the same request more than 5 times in 5 s (lib/testing/walk-checks.ts says what "the same" is);
 * - an untranslated message key; Chinese text in English mode or English UI phrases in Chinese mode,
 *   outside user data (see DATA_REGIONS);
 * - axe-core serious or critical violations (WCAG 2.1 A/AA and best practices).
 * Screenshots at 1440×900 (and 360×740 for the pages used on a phone, PHONE_PAGES) go to
 * test-results/walk/<locale>/<user>/ for review.
 *
 * What repeats is walked once (CI runs this on 2 cores, inside a time budget): in Chinese, one user of
 * each role opens every page of its sidebar in the browser, and the other users of that role (same
 * screens, other data) open their workbench and fetch each of their pages (status 200, no error page);
 * in English, each page is opened once, by the first user of a role that offers it. Pages a role may not
 * open are all fetched (403) and the first one is opened in the browser (they render one page). axe
 * reads markup, which is the same for every user of a screen: it runs once per screen and language.
 *
 * It runs when SUQIU_WALK=1 (.ci/run sets it; `npm run test:browser` alone skips it, it takes minutes).
 * On its own against a built, seeded app:
 *   SUQIU_WALK=1 APP_URL=http://127.0.0.1:3100 npx vitest run --config vitest.browser.config.ts components/shell/role-walk
 * WALK_ONLY=leader.city,admin narrows the users; WALK_LOCALES=en narrows the locales.
 *
 * Findings left on purpose are listed in KNOWN_FAILURES, each with its reason; they are printed, never
 * silently dropped. A known failure that no longer occurs is printed as stale so it can be removed.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_NAV } from '@/components/shell/staff-nav';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { type Locale, postSignIn } from '@/lib/testing/sign-in';
import {
  cjkRuns,
  englishPhrases,
  messageKeyIn,
  requestStorms,
  type SeenRequest,
} from '@/lib/testing/walk-checks';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/walk');
/** Every finding as it is made, one a line (known failures marked), and each page's time. */
const RUN = [process.env.WALK_ONLY, process.env.WALK_LOCALES]
  .filter(Boolean)
  .join('-')
  .replace(/[^\w.-]+/g, '_');
const LOG = path.join(SHOTS, RUN ? `findings-${RUN}.txt` : 'findings.txt');
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };

/** Every demo user (db/seed/users.ts); `null` is a resident (not signed in). */
const USERS: readonly (string | null)[] = [
  null,
  'inspector.xiqu',
  'inspector.miyi',
  'handler.xiqu.health',
  'handler.yanbian.town',
  'grid.dongqu',
  'leader.city',
  'leader.miyi',
  'admin',
];
/**
 * One user of each role: they walk English mode too, and the pages their role may not open (the other
 * users of a role differ only in their data, so they walk their own pages in Chinese).
 */
const PRIMARY_USERS = new Set<string | null>([
  null,
  'inspector.xiqu',
  'handler.xiqu.health',
  'grid.dongqu',
  'leader.city',
  'admin',
]);

/** The resident's pages (no sign-in). */
const PUBLIC_PAGES = ['/', '/report', '/track', '/login'];
/** Staff pages outside the sidebar that belong to a sidebar entry (same access). */
const SUB_PAGES: Record<string, string[]> = { '/stats': ['/stats/complaints?indicator=volume'] };
const pathOf = (p: string) => p.split('?')[0] ?? p;
/** Pages used on a phone: the resident's, the workbench, the grid worker's, the map, lists and a case. */
const PHONE_PAGES = [...PUBLIC_PAGES, '/workbench', '/grid', '/map', '/inbox', '/supervision', '/cases/'];
const onPhone = (p: string) => PHONE_PAGES.some((x) => (x.endsWith('/') ? p.startsWith(x) : pathOf(p) === x));

/**
 * Where text is user data, not UI: place names, complaint texts, people's and offices' names come
 * from the database in one language. Mark such an element with `data-user-content`; the selectors
 * below are the few regions that are data by nature and need no marker.
 */
const DATA_REGIONS = [
  '[data-user-content]',
  // Text marked as another language on purpose (the language switch says "中文" in English mode).
  'html[lang="en"] [lang^="zh"]',
  'html[lang^="zh"] [lang="en"]',
  'script',
  'style',
  'noscript',
  'template',
  // The map's own attribution and canvas labels (MapLibre control, OSM contributors).
  '.maplibregl-ctrl-attrib',
  // Form fields show what the user typed or picked.
  'input',
  'textarea',
  '.ant-select-selection-item',
  '.ant-select-selection-overflow',
  // antd 6: a select's (or cascader's) chosen value.
  '.ant-select-content-has-value',
].join(',');

/**
 * Findings left on purpose, each with its reason, matched by a regular expression on the finding's
 * text `<locale> <user> <path>: <check>: <detail>`. Remove an entry when its cause is fixed; the walk
 * prints stale entries.
 */
const KNOWN_FAILURES: readonly { pattern: RegExp; owner: string; why: string }[] = [];

interface Finding {
  text: string;
  known?: string;
}

const findings: Finding[] = [];
const seenKnown = new Set<RegExp>();
let browser: Browser;

function record(locale: Locale, user: string | null, pagePath: string, check: string, detail: string) {
  const text = `${locale} ${user ?? 'resident'} ${pagePath}: ${check}: ${detail}`;
  const known = KNOWN_FAILURES.find((k) => k.pattern.test(text));
  if (known) seenKnown.add(known.pattern);
  findings.push({ text, known: known ? `${known.owner}: ${known.why}` : undefined });
  appendFileSync(LOG, `${known ? 'KNOWN ' : ''}${text}\n`);
}

beforeAll(async () => {
  browser = await launchBrowser(WIDE);
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(LOG, '');
});

afterAll(async () => {
  await browser?.close();
  const known = findings.filter((f) => f.known);
  if (known.length) {
    console.log(`role walk: ${known.length} known failures (being fixed elsewhere):`);
    for (const f of known) console.log(`  ${f.text}  [${f.known}]`);
  }
  const stale = KNOWN_FAILURES.filter((k) => !seenKnown.has(k.pattern));
  if (stale.length && !process.env.WALK_ONLY && !process.env.WALK_LOCALES)
    console.log(`role walk: stale KNOWN_FAILURES (remove them): ${stale.map((k) => k.pattern).join(', ')}`);
});

async function signIn(page: Page, user: string | null, locale: Locale) {
  await browser.context.clearCookies();
  await browser.context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: APP_URL }]);
  if (user) await postSignIn(page, user);
}

/** What the page shows, read in the browser: text outside user data, headings, links, error pages. */
interface PageFacts {
  texts: string[];
  h1: number;
  links: string[];
  errorPage: string | null;
  nav: string[];
}

async function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate((dataRegions) => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest(dataRegions)) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      texts.push(text);
    }
    // Accessible names are UI text too (aria-label, title, placeholder, alt).
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')) {
      if (el.closest(dataRegions) && !['INPUT', 'TEXTAREA'].includes(el.tagName)) continue;
      // antd's icons are labelled with their names ("caret-up"): decorative, inside a labelled control.
      if (el.classList.contains('anticon')) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v) texts.push(v);
      }
    }
    // Visible text only: the page's script payload names Next's own error pages on every page.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
    const body = document.body.innerText;
    const errorPage =
      /Application error|Internal Server Error|This page could(?: not|n.t) (?:be found|load)|Unhandled Runtime Error/.exec(
        `${document.title}\n${body}`,
      )?.[0] ?? null;
    const links = [...document.querySelectorAll('a[href]')]
      .map((a) => new URL((a as HTMLAnchorElement).href, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname);
    const nav = [...document.querySelectorAll('.staff__sidebar a[href]')].map(
      (a) => new URL((a as HTMLAnchorElement).href).pathname,
    );
    return { texts, h1: document.querySelectorAll('h1').length, links, errorPage, nav };
  }, DATA_REGIONS);
}

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} ×${v.nodes.length} (${v.nodes
          .slice(0, 2)
          .map((n) => n.target.join(' '))
          .join('; ')})`,
    );
}

/** Screens axe has checked (`<locale> <path>`, object pages as /cases/N). */
const axed = new Set<string>();

/** Two animation frames: what the page has just received is laid out and painted. */
const nextFrames = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

const slug = (p: string) => p.replace(/^\//, '').replace(/[/?=&]+/g, '_') || 'home';

/** Open one page and check it; returns the internal links it offers. */
async function visit(
  page: Page,
  ctx: { locale: Locale; user: string | null; allowed: (p: string) => boolean },
  pagePath: string,
  expect: 'open' | 'denied',
  phone: boolean,
): Promise<PageFacts | null> {
  const { locale, user } = ctx;
  const started = Date.now();
  const problems: [string, string][] = [];
  const requests: SeenRequest[] = [];
  const onRequest = (r: import('playwright-core').Request) =>
    requests.push({ at: Date.now(), method: r.method(), url: r.url() });
  const onResponse = (r: import('playwright-core').Response) => {
    if (r.status() >= 500) problems.push(['http-5xx', `${r.status()} ${r.request().method()} ${r.url()}`]);
  };
  const onConsole = (m: import('playwright-core').ConsoleMessage) => {
    if (m.type() !== 'error') return;
    // The browser logs the denied page's own 403 as a failed resource: that answer is the point.
    if (expect === 'denied' && /status of 403/.test(m.text()) && m.location().url === `${APP_URL}${pagePath}`)
      return;
    problems.push(['console-error', m.text().slice(0, 300)]);
  };
  const onPageError = (e: Error) => problems.push(['page-error', e.message.slice(0, 300)]);
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  let facts: PageFacts | null = null;
  /** When each step ended (ms since start): loaded, settled, checked (facts, axe), phone shot. */
  const marks: number[] = [];
  const mark = () => marks.push(Date.now() - started);
  let idle = false;
  try {
    const res = await page.goto(`${APP_URL}${pagePath}`, { waitUntil: 'load', timeout: 90_000 });
    mark();
    // The page's data has answered once the network has been quiet for 500 ms.
    idle = await page.waitForLoadState('networkidle', { timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    // Screens loaded in the browser (map, hot spots) draw their heading once their code has arrived.
    await page.waitForSelector('h1', { timeout: 15_000 }).catch(() => {});
    // After a quiet network what arrived is drawn within a frame or two; with a request still open at
    // 3 s, half a second more for it.
    if (idle) await nextFrames(page);
    else await page.waitForTimeout(500);
    mark();
    const status = res?.status() ?? 0;
    const want = expect === 'open' ? 200 : 403;
    if (status !== want) problems.push(['status', `${status}, want ${want}`]);
    const dir = path.join(SHOTS, locale, user ?? 'resident');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${slug(pagePath)}-1440.png`) });
    facts = await pageFacts(page);
    if (facts.errorPage) problems.push(['error-page', facts.errorPage]);
    if (facts.h1 !== 1) problems.push(['h1', `${facts.h1} <h1> elements`]);
    for (const text of facts.texts) {
      const key = messageKeyIn(text);
      if (key) problems.push(['message-key', key]);
    }
    const foreign =
      locale === 'en' ? facts.texts.flatMap(cjkRuns) : facts.texts.flatMap((t) => englishPhrases(t));
    if (foreign.length)
      problems.push([
        locale === 'en' ? 'chinese-in-english' : 'english-in-chinese',
        [...new Set(foreign)].slice(0, 12).join(' | '),
      ]);
    if (expect === 'open') {
      const offLimits = [...new Set(facts.links.filter((l) => !ctx.allowed(l)))];
      if (offLimits.length) problems.push(['link-to-denied', offLimits.join(', ')]);
    }
    // axe reads the markup, which is the same for every user of a screen: once per screen and language.
    const axeKey = `${locale} ${pathOf(pagePath).replace(/\d+$/, 'N')}`;
    if (!axed.has(axeKey)) {
      axed.add(axeKey);
      for (const v of await axeViolations(page)) problems.push(['axe', v]);
    }
    mark();
    if (phone && onPhone(pagePath)) {
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(dir, `${slug(pagePath)}-360.png`), fullPage: true });
      await page.setViewportSize(WIDE);
      mark();
    }
  } catch (error) {
    problems.push(['walk', (error as Error).message.split('\n')[0] ?? 'failed']);
  } finally {
    // Leave the page, so its late requests (prefetches) are not counted against the next one.
    await page.goto('about:blank').catch(() => {});
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
  }
  for (const s of requestStorms(requests)) problems.push(['request-storm', `${s.count}× ${s.key}`]);
  const where = expect === 'denied' ? `${pagePath} [denied]` : pagePath;
  for (const [check, detail] of problems) record(locale, user, where, check, detail);
  appendFileSync(
    LOG,
    `  ${locale} ${user ?? 'resident'} ${pagePath} ${((Date.now() - started) / 1000).toFixed(1)} s (${marks.map((m) => (m / 1000).toFixed(1)).join(' / ')})${idle ? '' : ' network busy'}\n`,
  );
  return facts;
}

/** Staff paths a role may open: its sidebar, their sub-pages, and addressed objects (cases, letters, reports). */
function allowedFor(nav: readonly string[]) {
  const open = new Set([...nav, ...nav.flatMap((p) => SUB_PAGES[p] ?? []), ...PUBLIC_PAGES].map(pathOf));
  const staff = new Set(STAFF_NAV.flatMap((i) => [i.href, ...(SUB_PAGES[i.href] ?? [])]).map(pathOf));
  return (link: string) =>
    open.has(pathOf(link)) ||
    !staff.has(pathOf(link)) ||
    /^\/(cases|letters|reports)\/\d+$/.test(link) ||
    link.startsWith('/api/');
}

/** A report to walk: the demo seeds none, so issue last month's for the city if none exists. */
async function ensureReport(page: Page) {
  await signIn(page, 'leader.city', 'zh-CN');
  const list = (await (await page.request.get(`${APP_URL}/api/reports`)).json()) as { reports: unknown[] };
  if (list.reports.length) return;
  const me = (await (await page.request.get(`${APP_URL}/api/auth/me`)).json()) as {
    user: { jurisdiction: { divisionCode: string } };
  };
  const cst = new Date(Date.now() + 8 * 3_600_000);
  const month = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const res = await page.request.post(`${APP_URL}/api/reports`, {
    data: { areaCode: me.user.jurisdiction.divisionCode, month },
    headers: { origin: APP_URL },
    timeout: 170_000,
  });
  // Run beside the other browser files (.ci/run walks after them), monthly-report may issue the same
  // report at the same moment (409 CONFLICT), after which there is one to open all the same.
  if (res.status() === 409) {
    const again = (await (await page.request.get(`${APP_URL}/api/reports`)).json()) as { reports: unknown[] };
    expect(again.reports.length).toBeGreaterThan(0);
    return;
  }
  expect(res.status()).toBe(201);
}

const only = process.env.WALK_ONLY?.split(',');
const locales = (process.env.WALK_LOCALES?.split(',') ?? ['zh-CN', 'en']) as Locale[];

// Minutes long: run by .ci/run (SUQIU_WALK=1), or on its own as the header says.
describe.skipIf(process.env.SUQIU_WALK !== '1')('role walk', () => {
  it('has a report to open', async () => {
    const page = await browser.context.newPage();
    await ensureReport(page);
    await page.close();
  }, 180_000);

  for (const locale of locales) {
    for (const user of USERS) {
      if (only && !only.includes(user ?? 'resident')) continue;
      if (locale === 'en' && !PRIMARY_USERS.has(user)) continue;
      it(`${locale} · ${user ?? 'resident'}`, async () => {
        const start = findings.length;
        const page = await browser.context.newPage();
        await signIn(page, user, locale);
        // Phone screenshots: each role's pages in Chinese, and the resident's in both languages.
        const phone = user === null || (locale === 'zh-CN' && PRIMARY_USERS.has(user));
        if (!user) {
          const ctx = { locale, user, allowed: () => true };
          for (const p of PUBLIC_PAGES) await visit(page, ctx, p, 'open', phone);
        } else {
          await walkStaff(page, locale, user, phone);
        }
        await page.close();
        const fresh = findings
          .slice(start)
          .filter((f) => !f.known)
          .map((f) => f.text);
        expect(fresh).toEqual([]);
      }, 600_000);
    }
  }
});

/** Pages opened in the browser in English so far: each once, by the first user of a role offering it. */
const walkedInEnglish = new Set<string>();

async function walkStaff(page: Page, locale: Locale, user: string, phone: boolean) {
  const primary = PRIMARY_USERS.has(user);
  const first = await visit(page, { locale, user, allowed: () => true }, '/workbench', 'open', phone);
  const nav = first?.nav ?? [];
  const ctx = { locale, user, allowed: allowedFor(nav) };
  const objects = new Map<string, string>();
  const pages = [...nav.filter((p) => p !== '/workbench'), ...nav.flatMap((p) => SUB_PAGES[p] ?? [])];
  // In English an object page (a case, a letter, a report) is one screen whichever case it shows.
  const once = (p: string) => p.replace(/\d+$/, 'N');
  for (const p of pages) {
    if (!primary) {
      await fetchPage(page, ctx, p, 'open');
      continue;
    }
    if (locale === 'en') {
      if (walkedInEnglish.has(once(p))) continue;
      walkedInEnglish.add(once(p));
    }
    const facts = await visit(page, ctx, p, 'open', phone);
    for (const link of facts?.links ?? []) {
      const kind = /^\/(cases|letters|reports)\/\d+$/.exec(link)?.[1];
      if (kind && !objects.has(kind) && !(locale === 'en' && walkedInEnglish.has(once(link))))
        objects.set(kind, link);
    }
  }
  for (const p of objects.values()) {
    if (locale === 'en') walkedInEnglish.add(once(p));
    await visit(page, ctx, p, 'open', phone);
  }
  // Pages the role may not open: every one fetched (403) once per role, the first one opened in the browser
  // (they all render the one access-denied page); in English that page is opened once, for its wording.
  if (!primary) return;
  const denied = STAFF_NAV.flatMap((i) => [i.href, ...(SUB_PAGES[i.href] ?? [])]).filter(
    (p) => !ctx.allowed(p),
  );
  if (locale === 'en') {
    if (denied[0] && !walkedInEnglish.has('[denied]')) {
      walkedInEnglish.add('[denied]');
      await visit(page, ctx, denied[0], 'denied', false);
    }
    return;
  }
  for (const [i, p] of denied.entries()) {
    if (i === 0) await visit(page, ctx, p, 'denied', false);
    else await fetchPage(page, ctx, p, 'denied');
  }
}

/**
 * A page fetched without rendering it in the browser (a repeat of a screen walked by another user):
 * its status (200, or 403 for a page the role may not open) and no 5xx.
 */
async function fetchPage(
  page: Page,
  ctx: { locale: Locale; user: string | null },
  pagePath: string,
  expect: 'open' | 'denied',
) {
  const started = Date.now();
  const want = expect === 'open' ? 200 : 403;
  const where = expect === 'denied' ? `${pagePath} [denied]` : pagePath;
  try {
    const res = await page.request.get(`${APP_URL}${pagePath}`, { maxRedirects: 0, timeout: 90_000 });
    if (res.status() !== want) record(ctx.locale, ctx.user, where, 'status', `${res.status()}, want ${want}`);
  } catch (error) {
    record(ctx.locale, ctx.user, where, 'walk', (error as Error).message.split('\n')[0] ?? 'failed');
  }
  appendFileSync(
    LOG,
    `  ${ctx.locale} ${ctx.user ?? 'resident'} ${pagePath} (fetched) ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
