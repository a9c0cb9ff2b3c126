/**
 * The staff sidebar, declared once: each screen with the page whose access rule (lib/auth/pages.ts)
 * decides who sees it, so the sidebar offers exactly the pages a user may open. A feature adds its
 * entry here when its page exists (never a link to a page that is not there).
 * `key` names the label in messages/<locale>/shell.json (`nav.<key>`).
 */
import { canOpenPage, type StaffPage } from '@/lib/auth/pages';
import type { AuthUser } from '@/lib/auth/types';

export interface StaffNavItem {
  key: string;
  href: string;
  page: StaffPage;
}

export const STAFF_NAV: readonly StaffNavItem[] = [
  { key: 'overview', href: '/workbench', page: 'workbench' },
  { key: 'grid', href: '/grid', page: 'grid' },
  { key: 'inbox', href: '/inbox', page: 'inbox' },
  { key: 'dispatch', href: '/dispatch', page: 'dispatch' },
  { key: 'supervision', href: '/supervision', page: 'supervision' },
  { key: 'map', href: '/map', page: 'map' },
  { key: 'alerts', href: '/alerts', page: 'alerts' },
  { key: 'topics', href: '/topics', page: 'topics' },
  { key: 'hotspots', href: '/hotspots', page: 'hotspots' },
  { key: 'stats', href: '/stats', page: 'stats' },
  { key: 'assessment', href: '/assessment', page: 'assessment' },
  { key: 'reports', href: '/reports', page: 'reports' },
  { key: 'adminTriage', href: '/admin/triage-rules', page: 'admin' },
  { key: 'adminRouting', href: '/admin/routing', page: 'admin' },
  { key: 'adminDeadlines', href: '/admin/deadlines', page: 'admin' },
  { key: 'adminCalendar', href: '/admin/calendar', page: 'admin' },
  { key: 'adminOffices', href: '/admin/offices', page: 'admin' },
  { key: 'adminFindings', href: '/admin/findings', page: 'admin' },
  { key: 'adminUsers', href: '/admin/users', page: 'admin' },
];

export function navFor(user: Pick<AuthUser, 'role' | 'jurisdiction'>): StaffNavItem[] {
  return STAFF_NAV.filter((item) => canOpenPage(user, item.page));
}
