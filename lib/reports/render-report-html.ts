/**
 * The monthly report as HTML (pure): one renderer for the web view (`/reports/<id>`) and the PDF
 * (headless Chromium prints the very same markup), so the two never differ. Every value comes from
 * the frozen `MonthlyReportData`; only the headings come from the messages. Maps and charts are
 * inline SVG: they print without WebGL, tiles or scripts.
 */
import { createTranslator } from 'next-intl';
import { formatDate, formatDateTime, formatDeadlineDate } from '@/lib/format/date-time';
import en from '@/lib/i18n/messages/en/reports.json';
import zh from '@/lib/i18n/messages/zh-CN/reports.json';
import { type IndicatorId, indicatorDefinition, isIndicatorId } from '@/lib/stats/definitions';
import type { MonthlyReportData, ReportAssessed, ReportIndicator } from './report-data';

export interface ReportMeta {
  version: number;
  generatedAt: string;
  generatedByName: string | null;
}

/**
 * Showing a report in another language than it was issued in (the web view follows the viewer's
 * language; the PDF stays as issued): the headings come from that locale's messages, indicator names
 * and definitions from lib/stats/definitions.ts, category names from `categoryNames` (code → name).
 * Figures, place, office and people's names stay as issued.
 */
export interface ReportView {
  locale?: string;
  categoryNames?: Record<string, string>;
  /** Level-1 category code by its Chinese or English name. */
  categoryCodesByName?: Record<string, string>;
}

/** Names from the data (places, offices, people, complaint titles): marked as user content. */
const userData = (v: unknown) => `<span data-user-content>${esc(v)}</span>`;
/** A message with one data value in it: escape the message, then put the marked value in. */
const SLOT = '\u0001';
const withData = (message: string, value: unknown) => esc(message).replace(SLOT, userData(value));

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (lib/format/date-time.ts). */
export const cstTime = (iso: string): string => formatDateTime(iso);
const cstDate = (iso: string) => formatDate(iso);

/** A percentage value (0–100) with one decimal, as the statistics show it. */
export const fmtPct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v.toFixed(1)}%`;
const fmtShare = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const fmtDays = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

export function fmtIndicator(i: Pick<ReportIndicator, 'unit'>, v: number | null, days = ''): string {
  if (v === null) return '—';
  if (i.unit === 'percent') return fmtPct(v);
  if (i.unit === 'days') return `${v.toFixed(1)}${days}`;
  return String(Math.round(v));
}

function fmtChange(i: ReportIndicator): string {
  if (!i.change) return '—';
  const a = i.change.absolute;
  const sign = a > 0 ? '+' : a < 0 ? '−' : '±';
  const abs = Math.abs(a);
  const body =
    i.unit === 'percent'
      ? `${abs.toFixed(1)} pp`
      : i.unit === 'days'
        ? abs.toFixed(1)
        : String(Math.round(abs));
  const rel =
    i.unit !== 'percent' && i.change.relative !== null
      ? ` (${sign}${Math.abs(i.change.relative * 100).toFixed(1)}%)`
      : '';
  const good = i.better === 'neutral' || a === 0 ? '' : a > 0 === (i.better === 'up') ? 'good' : 'bad';
  return `<span class="chg ${good}">${sign}${body}${rel}</span>`;
}

type Row = (string | number)[];

type Translate = (key: string, values?: Record<string, string | number>) => string;
const fmtQ = (q: number) => (q < 0.001 ? '<0.001' : q.toFixed(3));

/** 七、推诿扯皮: the month's bouncing cases, office pairs, offices and category × town by rate against volume. */
function buckPassingSection(
  b: NonNullable<MonthlyReportData['buckPassing']>,
  t: Translate,
  categoryName: (c: { code: string; name: string }) => string,
): string {
  const flag = (q: number) =>
    q < b.q ? ` <strong class="bad">${esc(t('buckPassing.significant'))}</strong>` : '';
  return `<section data-section="buck-passing">
    <h2>${esc(t('sections.buckPassing'))}</h2>
    <p>${esc(t('buckPassing.intro', { total: b.bouncingTotal, baseRate: fmtShare(b.baseRate), baseCaseRate: fmtShare(b.baseCaseRate), q: b.q, min: b.minVolume }))}</p>
    <h3>${esc(t('buckPassing.cases'))}</h3>
    ${
      b.cases.length
        ? table(
            [
              t('cols.trackingCode'),
              t('cols.title'),
              t('buckPassing.bounces'),
              t('buckPassing.path'),
              t('buckPassing.lastReason'),
            ],
            b.cases.map((c) => [
              esc(c.trackingCode),
              userData(c.title),
              c.bounces,
              userData(c.path),
              userData(c.lastReason ?? '—'),
            ]),
            'compact',
          )
        : `<p class="muted">${esc(t('none'))}</p>`
    }
    <h3>${esc(t('buckPassing.pairs'))}</h3>
    ${
      b.pairs.length
        ? table(
            [t('buckPassing.pair'), t('buckPassing.aToB')],
            b.pairs.map((p) => [
              `${userData(p.a)} ⇄ ${userData(p.b)}${p.backAndForth ? ` <strong class="bad">${esc(t('buckPassing.backAndForth'))}</strong>` : ''}`,
              `${p.aToB} / ${p.bToA}`,
            ]),
            'compact',
          )
        : `<p class="muted">${esc(t('none'))}</p>`
    }
    <h3>${esc(t('buckPassing.offices'))}</h3>
    ${
      b.offices.length
        ? table(
            [t('cols.office'), t('buckPassing.bouncedOfReceived'), t('buckPassing.rate'), 'q'],
            b.offices.map((o) => [
              userData(o.name) + flag(o.q),
              `${o.bounced} / ${o.received}`,
              fmtShare(o.rate),
              fmtQ(o.q),
            ]),
            'compact',
          )
        : `<p class="muted">${esc(t('none'))}</p>`
    }
    <h3>${esc(t('buckPassing.combos'))}</h3>
    ${
      b.combos.length
        ? table(
            [t('cols.category'), t('cols.area'), t('buckPassing.bouncedOfCases'), t('buckPassing.rate'), 'q'],
            b.combos.map((c) => [
              esc(categoryName({ code: c.categoryCode ?? '', name: c.category })),
              userData(c.town) + flag(c.q),
              `${c.bouncedCases} / ${c.cases}`,
              fmtShare(c.rate),
              fmtQ(c.q),
            ]),
            'compact',
          )
        : `<p class="muted">${esc(t('none'))}</p>`
    }
  </section>`;
}
function table(head: string[], rows: Row[], cls = ''): string {
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'number' ? c : c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const BIN_FILL: Record<number, string> = { 1: '#f4a582', 2: '#d6604d', 3: '#b2182b' };

function mapSvg(map: NonNullable<MonthlyReportData['hotspots']['map']>, label: string): string {
  const [, , w, h] = map.viewBox.split(' ').map(Number) as [number, number, number, number];
  const stroke = Math.max(w, h) / 600;
  const font = Math.max(w, h) / 45;
  const children = map.children
    .map((c) => `<path d="${esc(c.path)}" fill="#f5f7fa" stroke="#8c8c8c" stroke-width="${stroke}"/>`)
    .join('');
  const cells = map.cells
    .map(
      (c) =>
        `<path d="${esc(c.path)}" fill="${BIN_FILL[c.bin] ?? BIN_FILL[1]}" fill-opacity="0.85" stroke="none"/>`,
    )
    .join('');
  const labels = map.children
    .map(
      (c) =>
        `<text x="${c.x}" y="${c.y}" font-size="${font}" text-anchor="middle" fill="#262626" stroke="#fff" stroke-width="${font / 6}" paint-order="stroke">${esc(c.name)}</text>`,
    )
    .join('');
  return `<svg class="map" data-user-content role="img" aria-label="${esc(label)}" viewBox="${esc(map.viewBox)}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
    <path d="${esc(map.outline)}" fill="#fafafa" stroke="#262626" stroke-width="${stroke * 2}"/>${children}${cells}${labels}</svg>`;
}

function trendSvg(months: string[], values: (number | null)[], label: string): string {
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const W = 640;
  const H = 150;
  const bw = W / Math.max(1, months.length);
  const bars = months
    .map((m, k) => {
      const v = values[k] ?? 0;
      const bh = (v / max) * (H - 40);
      const x = k * bw + bw * 0.15;
      const last = k === months.length - 1;
      return `<rect x="${x}" y="${H - 20 - bh}" width="${bw * 0.7}" height="${bh}" fill="${last ? '#1677ff' : '#91caff'}"/>
        <text x="${x + bw * 0.35}" y="${H - 24 - bh}" font-size="10" text-anchor="middle">${v}</text>
        <text x="${x + bw * 0.35}" y="${H - 6}" font-size="10" text-anchor="middle">${esc(m.slice(2))}</text>`;
    })
    .join('');
  return `<svg class="trend" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

/** The report's body (a fragment: wrap it with `REPORT_CSS` in a page or a print document). */
export function renderReportHtml(data: MonthlyReportData, meta: ReportMeta, view: ReportView = {}): string {
  const issuedIn = data.locale === 'en' ? 'en' : 'zh-CN';
  const locale = view.locale ? (view.locale === 'en' ? 'en' : 'zh-CN') : issuedIn;
  const lang = locale === 'en' ? 'en' : 'zh';
  const definitionOf = (i: ReportIndicator) =>
    locale !== issuedIn && isIndicatorId(i.id) ? indicatorDefinition(i.id as IndicatorId) : null;
  const indicatorName = (i: ReportIndicator) => definitionOf(i)?.name[lang] ?? i.name;
  const indicatorText = (i: ReportIndicator) => {
    const d = definitionOf(i);
    if (!d) return i.definition;
    return d.denominator ? `${d.numerator[lang]} ÷ ${d.denominator[lang]}` : d.numerator[lang];
  };
  // By code; rows stored before their code was (buck-passing combos) are found by their issued name.
  const categoryName = (c: { code: string; name: string }) =>
    locale !== issuedIn
      ? (view.categoryNames?.[c.code || (view.categoryCodesByName?.[c.name] ?? '')] ?? c.name)
      : c.name;
  const t = createTranslator({
    locale,
    messages: { reports: locale === 'en' ? en : zh },
    namespace: 'reports.report',
  });
  const [year, month] = data.month.split('-').map(Number) as [number, number];
  const ind = (id: string) => data.indicators.find((i) => i.id === id);
  const volume = ind('volume')?.numerator ?? 0;
  const issued = `${esc(cstTime(meta.generatedAt))} · ${
    meta.generatedByName
      ? withData(t('issuedBy', { name: SLOT }), meta.generatedByName)
      : esc(t('issuedAuto'))
  }`;
  const assessedRows = (list: ReportAssessed[]) =>
    list.map((o) => [
      o.rank ?? '—',
      userData(o.name),
      o.cases,
      fmtPct(o.responseRate),
      fmtPct(o.resolutionRate),
      fmtPct(o.satisfactionRate),
      o.score === null ? '—' : o.score.toFixed(1),
    ]);
  const assessedHead = [
    t('cols.rank'),
    t('cols.office'),
    t('cols.cases'),
    t('cols.response'),
    t('cols.resolution'),
    t('cols.satisfaction'),
    t('cols.score'),
  ];
  const patterns = Object.entries(data.emerging?.patternCounts ?? {}).filter(
    ([k, n]) => k.endsWith('_hot') && n > 0,
  );
  const hs = data.hotspots;
  const daySuffix = locale === 'en' ? ' d' : ' 天';

  return `<article class="report" lang="${locale}">
  <header class="report__head">
    <h1>${withData(t('title', { area: SLOT, year, month }), data.area.name)}</h1>
    <p class="report__sub">${esc(t('subtitle', { version: meta.version, issued: SLOT })).replace(SLOT, issued)}</p>
    <p class="report__scope">${esc(t('asOf', { from: data.period.from, to: data.period.to, asOf: cstTime(data.asOf) }))}</p>
  </header>

  <section>
    <h2>${esc(t('sections.overview'))}</h2>
    <div class="cards">${['volume', 'resolved', 'satisfaction', 'on_time', 'first_reply', 'overdue']
      .map((id) => ind(id))
      .filter((i): i is ReportIndicator => !!i)
      .map(
        (i) =>
          `<div class="card"><div class="card__name">${esc(indicatorName(i))}</div><div class="card__value">${fmtIndicator(i, i.value)}</div><div class="card__chg">${esc(t('vsPrevious'))} ${fmtChange(i)}</div></div>`,
      )
      .join('')}</div>
    ${table(
      [t('cols.indicator'), t('cols.value'), t('cols.previous'), t('cols.change')],
      data.indicators.map((i) => [
        esc(indicatorName(i)),
        fmtIndicator(i, i.value, daySuffix),
        fmtIndicator(i, i.previous.value, daySuffix),
        fmtChange(i),
      ]),
      'indicators',
    )}
    <h3>${esc(t('trend'))}</h3>
    ${trendSvg(data.trend.months, data.trend.volume, t('trend'))}
    ${table(
      [t('cols.month'), ...data.trend.months.map((m) => m.slice(2))],
      [
        [esc(t('cols.volume')), ...data.trend.volume.map((v) => (v === null ? '—' : Math.round(v)))],
        [esc(t('cols.onTime')), ...data.trend.onTime.map((v) => fmtPct(v))],
        [esc(t('cols.satisfaction')), ...data.trend.satisfaction.map((v) => fmtPct(v))],
      ],
      'compact',
    )}
  </section>

  <section>
    <h2>${esc(t('sections.concentration'))}</h2>
    <p>${esc(t('concentrationIntro', { volume, size: hs.cellSize, hot: hs.hot }))}</p>
    ${table(
      [
        t('cols.area'),
        t('cols.volume'),
        t('cols.share'),
        t('cols.onTime'),
        t('cols.satisfaction'),
        t('cols.overdue'),
      ],
      data.subAreas.map((a) => [
        userData(a.name),
        a.volume,
        fmtShare(a.share),
        fmtPct(a.onTime),
        fmtPct(a.satisfaction),
        a.overdue,
      ]),
    )}
    <div class="map-block">
      ${hs.map ? mapSvg(hs.map, t('sections.concentration')) : ''}
      <p class="legend">${esc(t('mapLegend'))} ${[1, 2, 3]
        .map(
          (b) =>
            `<span class="swatch" style="background:${BIN_FILL[b]}"></span>${esc(t(`bins.${b}` as 'bins.1'))}`,
        )
        .join(' ')}</p>
    </div>
    ${
      hs.top.length
        ? table(
            [t('cols.cell'), t('cols.area'), t('cols.count'), t('cols.z')],
            hs.top.map((c) => [`#${c.rank}`, c.area ? userData(c.area) : '—', c.count, c.z.toFixed(2)]),
            'compact',
          )
        : `<p class="muted">${esc(t('noHotspots'))}</p>`
    }
    ${table(
      [t('cols.rank'), t('cols.category'), t('cols.count'), t('cols.share'), t('cols.previousCount')],
      data.categories.map((c) => [
        c.rank,
        `<span class="swatch" style="background:${esc(c.color)}"></span>${esc(categoryName(c))}`,
        c.count,
        fmtPct(c.share),
        c.previousCount,
      ]),
    )}
  </section>

  <section>
    <h2>${esc(t('sections.offices'))}</h2>
    <p>${esc(t('officesIntro', { count: data.offices.length }))}</p>
    ${table(
      [
        t('cols.office'),
        t('cols.volume'),
        t('cols.resolved'),
        t('cols.onTime'),
        t('cols.firstReply'),
        t('cols.satisfaction'),
        t('cols.handling'),
        t('cols.overdue'),
        t('cols.letters'),
      ],
      data.offices.map((o) => [
        userData(o.name),
        o.volume,
        o.resolved,
        fmtPct(o.onTimeRate),
        fmtPct(o.firstReplyRate),
        fmtPct(o.satisfactionRate),
        fmtDays(o.avgHandlingDays),
        o.overdue,
        o.lettersIssued,
      ]),
    )}
  </section>

  <section>
    <h2>${esc(t('sections.overdue'))}</h2>
    <p>${esc(t('overdueIntro', { total: data.overdue.total, count: data.overdue.cases.length, issued: data.letters.issued, answered: data.letters.answered }))}</p>
    ${
      data.overdue.cases.length
        ? table(
            [
              t('cols.trackingCode'),
              t('cols.title'),
              t('cols.office'),
              t('cols.resolveDueAt'),
              t('cols.overdueDays'),
              t('cols.letters'),
            ],
            data.overdue.cases.map((c) => [
              esc(c.trackingCode),
              userData(c.title),
              c.office ? userData(c.office) : '—',
              formatDeadlineDate(c.resolveDueAt),
              c.overdueDays,
              c.letters,
            ]),
          )
        : `<p class="muted">${esc(t('noOverdue'))}</p>`
    }
    ${
      data.letters.list.length
        ? table(
            [
              t('cols.letterCode'),
              t('cols.office'),
              t('cols.trackingCode'),
              t('cols.issuedAt'),
              t('cols.dueAt'),
              t('cols.answeredAt'),
            ],
            data.letters.list.map((l) => [
              esc(l.code),
              userData(l.office),
              esc(l.trackingCode ?? '—'),
              cstDate(l.issuedAt),
              formatDeadlineDate(l.dueAt),
              l.answeredAt ? cstDate(l.answeredAt) : '—',
            ]),
          )
        : `<p class="muted">${esc(t('noLetters'))}</p>`
    }
  </section>

  <section>
    <h2>${esc(t('sections.rankings'))}</h2>
    <p>${esc(t('rankingsIntro', { ...data.assessment.weights, minCases: data.assessment.minCases }))}</p>
    ${data.assessment.ranked.length ? table(assessedHead, assessedRows(data.assessment.ranked)) : `<p class="muted">${esc(t('noRanking'))}</p>`}
    <div class="boards">
      <div class="board board--red"><h3>${esc(t('red'))}</h3>${data.assessment.red.length ? table(assessedHead, assessedRows(data.assessment.red), 'compact') : `<p class="muted">${esc(t('none'))}</p>`}</div>
      <div class="board board--black"><h3>${esc(t('black'))}</h3>${data.assessment.black.length ? table(assessedHead, assessedRows(data.assessment.black), 'compact') : `<p class="muted">${esc(t('none'))}</p>`}</div>
    </div>
  </section>

  <section>
    <h2>${esc(t('sections.patterns'))}</h2>
    <h3>${esc(t('rises'))}</h3>
    ${
      data.rises.length
        ? table(
            [t('cols.category'), t('cols.count'), t('cols.previousCount'), t('cols.change')],
            data.rises.map((c) => [
              esc(categoryName(c)),
              c.count,
              c.previousCount,
              `+${c.count - c.previousCount}${c.change?.relative != null ? ` (+${(c.change.relative * 100).toFixed(1)}%)` : ''}`,
            ]),
            'compact',
          )
        : `<p class="muted">${esc(t('noRises'))}</p>`
    }
    <h3>${esc(t('emerging', { months: data.emerging?.months ?? 12 }))}</h3>
    ${
      patterns.length
        ? `<p>${patterns.map(([k, n]) => `${esc(t(`patterns.${k}` as 'patterns.new_hot'))} ${n}`).join(' · ')}</p>`
        : `<p class="muted">${esc(t('noEmerging'))}</p>`
    }
  </section>

  ${data.buckPassing ? buckPassingSection(data.buckPassing, t as unknown as Translate, categoryName) : ''}

  <section class="definitions">
    <h2>${esc(t('sections.definitions'))}</h2>
    <dl>${data.indicators.map((i) => `<dt>${esc(indicatorName(i))}</dt><dd>${esc(indicatorText(i))}</dd>`).join('')}</dl>
  </section>
</article>`;
}

/** The report's print-ready A4 styles (the web view and the PDF share them). */
export const REPORT_CSS = `
.report { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f1f1f; font-size: 10.5pt; line-height: 1.55; max-width: 180mm; margin: 0 auto; }
.report h1 { font-size: 20pt; margin: 0 0 4pt; text-align: center; }
.report h2 { font-size: 13pt; margin: 14pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #1677ff; break-after: avoid; }
.report h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
.report__sub, .report__scope { text-align: center; color: #595959; margin: 2pt 0; font-size: 9.5pt; }
.report table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; break-inside: auto; }
.report th, .report td { border: 0.5pt solid #bfbfbf; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.report th { background: #f0f5ff; font-weight: 600; }
.report tr { break-inside: avoid; }
.report table.compact { font-size: 8.5pt; }
.report .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6pt; margin: 6pt 0 8pt; }
.report .card { border: 0.5pt solid #d9d9d9; border-radius: 4pt; padding: 6pt 8pt; break-inside: avoid; }
.report .card__name { color: #595959; font-size: 9pt; }
.report .card__value { font-size: 18pt; font-weight: 700; }
.report .card__chg { font-size: 8.5pt; color: #595959; }
.report .chg.good { color: #237804; } .report .chg.bad { color: #cf1322; }
.report .map-block { break-inside: avoid; text-align: center; }
.report svg.map { width: 100%; max-height: 130mm; }
.report svg.trend { width: 100%; height: auto; }
.report .legend { font-size: 8.5pt; color: #595959; }
.report .swatch { display: inline-block; width: 9pt; height: 9pt; margin: 0 3pt -1pt 6pt; border-radius: 2pt; }
.report .muted { color: #595959; }
.report .boards { display: block; }
.report .board--red h3 { color: #cf1322; } .report .board--black h3 { color: #262626; }
.report .definitions dl { font-size: 8.5pt; } .report .definitions dt { font-weight: 600; margin-top: 3pt; } .report .definitions dd { margin: 0 0 0 12pt; color: #434343; }
.report section { break-inside: auto; }
@page { size: A4; margin: 16mm 14mm 18mm; }
`;

/** A standalone print document (what Chromium turns into the PDF). */
export function renderReportDocument(data: MonthlyReportData, meta: ReportMeta): string {
  return `<!doctype html><html lang="${data.locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${esc(
    `${data.area.name} ${data.month}`,
  )}</title><style>html,body{margin:0;background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}${REPORT_CSS}</style></head><body>${renderReportHtml(
    data,
    meta,
  )}</body></html>`;
}

/** The page footer Chromium prints on every page (page numbers). */
/** Chromium's print options for a report: A4, backgrounds, the page footer, the margins. */
export function reportPdfOptions(locale: string) {
  return {
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: reportFooterTemplate(locale),
    margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
    preferCSSPageSize: false,
  };
}

export function reportFooterTemplate(locale: string): string {
  const t = createTranslator({
    locale: locale === 'en' ? 'en' : 'zh-CN',
    messages: { reports: locale === 'en' ? en : zh },
    namespace: 'reports.report',
  });
  const text = esc(t('footer', { page: '\u0001', pages: '\u0002' }))
    .replace('\u0001', '<span class="pageNumber"></span>')
    .replace('\u0002', '<span class="totalPages"></span>');
  return `<div style="width:100%;font-size:8pt;color:#595959;text-align:center;font-family:'WenQuanYi Zen Hei',sans-serif;">${text}</div>`;
}
