/**
 * The staff sidebar, declared once: each screen with the roles that see it. A feature adds its
 * entry here when its page exists (never a link to a page that is not there).
 * `key` names the label in messages/<locale>/shell.json (`nav.<key>`).
 */
import type { Role } from '@/lib/auth/types';

export interface StaffNavItem {
  key: string;
  href: string;
  roles: readonly Role[];
}

export const STAFF_NAV: readonly StaffNavItem[] = [
  { key: 'overview', href: '/workbench', roles: ['grid_worker', 'handler', 'inspector', 'leader', 'admin'] },
  { key: 'inbox', href: '/inbox', roles: ['handler'] },
  { key: 'dispatch', href: '/dispatch', roles: ['inspector'] },
  { key: 'supervision', href: '/supervision', roles: ['inspector'] },
  { key: 'map', href: '/map', roles: ['grid_worker', 'handler', 'inspector', 'leader', 'admin'] },
  { key: 'hotspots', href: '/hotspots', roles: ['inspector', 'leader'] },
  { key: 'stats', href: '/stats', roles: ['inspector', 'leader'] },
  { key: 'assessment', href: '/assessment', roles: ['inspector', 'leader', 'admin'] },
  { key: 'reports', href: '/reports', roles: ['inspector', 'leader'] },
  { key: 'adminTriage', href: '/admin/triage-rules', roles: ['admin'] },
  { key: 'adminRouting', href: '/admin/routing', roles: ['admin'] },
  { key: 'adminDeadlines', href: '/admin/deadlines', roles: ['admin'] },
  { key: 'adminCalendar', href: '/admin/calendar', roles: ['admin'] },
  { key: 'adminOffices', href: '/admin/offices', roles: ['admin'] },
  { key: 'adminUsers', href: '/admin/users', roles: ['admin'] },
];

export function navFor(role: Role): StaffNavItem[] {
  return STAFF_NAV.filter((item) => item.roles.includes(role));
}
