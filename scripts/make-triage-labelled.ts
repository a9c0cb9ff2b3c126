/**
 * Writes db/seed/data/triage-labelled.csv: the demo city's labelled complaint text (columns `text`,
 * `label` = level-2 category code, `form`), generated from the corpus templates
 * (db/seed/corpus/texts.ts) with more variety than the seed uses: title only (an SMS), body only,
 * title + body, a hotline operator's summary, a clipped first clause, random openers, closers and
 * neutral asides shared by every category, and place, road, compound and facility names drawn from
 * lists. Deterministic: `npx tsx scripts/make-triage-labelled.ts [--per-label 40] [--seed 7]`.
 * The file is training text for the classifier (lib/triage) and input to `npm run triage:eval`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../db/seed/corpus/categories';
import { COMPOUND_NAMES, PROPERTY_COMPANIES, ROAD_NAMES } from '../db/seed/corpus/places';
import { CLOSERS, OPENERS, TEXTS } from '../db/seed/corpus/texts';
import { seededRandom } from '../lib/triage/text-classifier';

const { values } = parseArgs({
  options: { 'per-label': { type: 'string', default: '40' }, seed: { type: 'string', default: '7' } },
});
const perLabel = Number(values['per-label']);
const random = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const PLACES = [
  '韭菜坪村',
  '格萨拉乡',
  '大田镇',
  '平地镇',
  '红格镇',
  '攀莲镇',
  '炳草岗街道',
  '东华街道',
  '银江镇',
  '同德镇',
  '新山傈僳族乡',
  '渔门镇',
];
const GROUPS = ['马道子组', '上村组', '大湾组', '新房子组', '坪子组', '河边组', ''];
const FACILITIES = ['社区卫生服务中心', '乡卫生院', '中心医院', '镇卫生院', '人民医院门诊部'];
const TIMES = ['晚上十点', '晚上十一点', '凌晨一点', '早上六点', '中午十二点', '昨天下午'];
const HOTLINE = ['来电人反映：', '市民来电称，', '群众通过热线反映，', '网格员代为反映：', ''];
/** Neutral asides any complaint may carry (they must not decide a category). */
const ASIDES = [
  '家里有老人和小孩。',
  '我们都是普通老百姓。',
  '上个月也反映过一次。',
  '附近很多居民都有意见。',
  '打了好几次电话都没人接。',
  '这个情况持续很久了。',
];

function fill(template: string): string {
  const place = `${pick(PLACES)}${pick(GROUPS)}`;
  const slots: Record<string, string> = {
    place,
    town: pick(PLACES),
    addr: `${pick(COMPOUND_NAMES)}${int(1, 30)}栋${int(1, 6)}单元`,
    compound: pick(COMPOUND_NAMES),
    road: pick(ROAD_NAMES),
    facility: `${pick(PLACES).replace(/(镇|乡|街道|村)$/, '')}${pick(FACILITIES)}`,
    company: pick(PROPERTY_COMPANIES),
    days: String(int(2, 30)),
    n: String(int(2, 9)),
    hours: String(int(3, 48)),
    time: pick(TIMES),
    money: String(int(2, 30)),
  };
  return template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
}

const firstClause = (s: string) => s.split(/[，。！？]/).filter(Boolean)[0] ?? s;

const FORMS = ['title', 'body', 'title_body', 'hotline', 'clipped', 'aside'] as const;

function compose(code: string, form: (typeof FORMS)[number]): string {
  const t = TEXTS[code]!;
  const title = fill(pick(t.titles));
  const body = fill(pick(t.bodies));
  switch (form) {
    case 'title':
      return title;
    case 'body':
      return `${pick(OPENERS)}${body}${pick(CLOSERS)}`;
    case 'title_body':
      return `${title}\n${pick(OPENERS)}${body}${pick(CLOSERS)}`;
    case 'hotline':
      return `${pick(HOTLINE)}${body}`;
    case 'clipped':
      return `${pick(OPENERS)}${firstClause(body)}，${pick(CLOSERS) || '请帮忙看看。'}`;
    case 'aside':
      return `${pick(ASIDES)}${body}${pick(ASIDES)}`;
  }
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const rows = ['text,label,form'];
for (const top of CATEGORIES) {
  for (const sub of top.children) {
    if (!TEXTS[sub.code]) continue;
    for (let i = 0; i < perLabel; i++) {
      const form = FORMS[i % FORMS.length]!;
      rows.push([compose(sub.code, form), sub.code, form].map(csvField).join(','));
    }
  }
}
const out = path.join(process.cwd(), 'db', 'seed', 'data', 'triage-labelled.csv');
writeFileSync(out, `${rows.join('\n')}\n`);
console.log(`wrote ${rows.length - 1} rows to ${path.relative(process.cwd(), out)}`);
