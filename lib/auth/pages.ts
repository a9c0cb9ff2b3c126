/**
 * Which staff pages a user may open: the one declaration the pages (403 otherwise), the sidebar,
 * the workbench tiles and in-page links ("← 返回…") all read, so navigation never offers a page that
 * answers 403. Pure; built on the policy's ACTIONS (lib/auth/policy.ts).
 */
import { can } from './policy';
import type { AuthUser } from './types';

type Subject = Pick<AuthUser, 'role' | 'jurisdiction'>;

const division = (u: Subject) => u.jurisdiction.kind === 'division';

/** Page → who may open it. */
export const PAGE_ACCESS = {
  workbench: () => true,
  map: (u: Subject) => can(u, 'map.read'),
  /** The grid worker's own grid (/grid): a grid worker bound to a grid. */
  grid: (u: Subject) => can(u, 'building.visit') && u.jurisdiction.kind === 'grid',
  inbox: (u: Subject) => can(u, 'complaint.handle'),
  dispatch: (u: Subject) => can(u, 'complaint.dispatch'),
  /** The board for inspectors; leaders see its buck-passing section (推诿扯皮) only. */
  supervision: (u: Subject) => can(u, 'complaint.supervise') || (can(u, 'buckPassing.read') && division(u)),
  hotspots: (u: Subject) => can(u, 'stats.read') && division(u),
  alerts: (u: Subject) => can(u, 'alert.read') && division(u),
  /** 每月一题: candidates, picks and each picked topic's follow-up (/topics, /topics/<id>). */
  topics: (u: Subject) => can(u, 'topic.read') && division(u),
  stats: (u: Subject) => can(u, 'stats.read') && division(u),
  /** The ranking for inspectors and leaders; the weights editor for admins. */
  assessment: (u: Subject) => (can(u, 'stats.read') && division(u)) || can(u, 'config.manage'),
  reports: (u: Subject) => can(u, 'report.read') && division(u),
  cases: (u: Subject) => can(u, 'complaint.read'),
  letters: (u: Subject) => can(u, 'complaint.supervise') || can(u, 'letter.answer'),
  admin: (u: Subject) => can(u, 'config.manage'),
} as const satisfies Record<string, (u: Subject) => boolean>;

export type StaffPage = keyof typeof PAGE_ACCESS;

export function canOpenPage(user: Subject, page: StaffPage): boolean {
  return PAGE_ACCESS[page](user);
}

/** The page a path belongs to (`/admin/users` → admin, `/stats/complaints` → stats), or null. */
export function pageOfPath(path: string): StaffPage | null {
  const first = path.split(/[?#]/)[0]!.split('/')[1] ?? '';
  return first in PAGE_ACCESS ? (first as StaffPage) : null;
}

/**
 * Where a case page's back link leads for this user: the list they work from, or the workbench.
 * `key` names the label (`shell.nav.<key>`).
 */
export function caseBackLink(user: Subject): { href: string; key: string } {
  const candidates: [StaffPage, string, string][] = [
    ['inbox', '/inbox', 'inbox'],
    ['supervision', '/supervision', 'supervision'],
    ['stats', '/stats', 'stats'],
    ['grid', '/grid', 'grid'],
    ['map', '/map', 'map'],
  ];
  for (const [page, href, key] of candidates) {
    // A leader's /supervision holds the buck-passing analysis only: not a list of cases to return to.
    if (page === 'supervision' && !can(user, 'complaint.supervise')) continue;
    if (canOpenPage(user, page)) return { href, key };
  }
  return { href: '/workbench', key: 'overview' };
}

/** Where a user lands after signing in without a `next`: a grid worker on their grid, others on the workbench. */
export function landingPath(user: Subject): string {
  return canOpenPage(user, 'grid') ? '/grid' : '/workbench';
}
