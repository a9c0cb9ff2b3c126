import { describe, expect, it } from 'vitest';
import { navFor, STAFF_NAV } from '@/components/shell/staff-nav';
import { canOpenPage, caseBackLink, landingPath, PAGE_ACCESS, pageOfPath, type StaffPage } from './pages';
import type { AuthUser, Role } from './types';

const user = (role: Role): Pick<AuthUser, 'role' | 'jurisdiction'> => ({
  role,
  jurisdiction:
    role === 'grid_worker'
      ? { kind: 'grid', gridId: 1 }
      : role === 'handler'
        ? { kind: 'office', officeId: 1, divisionCode: '510403000000', divisionLevel: 'county' }
        : { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
});
const ROLES: Role[] = ['grid_worker', 'handler', 'inspector', 'leader', 'admin'];

describe('staff page access', () => {
  it('matches the product: who opens which page', () => {
    const open = (role: Role) =>
      (Object.keys(PAGE_ACCESS) as StaffPage[]).filter((p) => canOpenPage(user(role), p)).sort();
    expect(open('handler')).toEqual(['cases', 'inbox', 'letters', 'map', 'workbench']);
    expect(open('grid_worker')).toEqual(['cases', 'grid', 'map', 'workbench']);
    expect(open('leader')).toEqual([
      'alerts',
      'assessment',
      'cases',
      'hotspots',
      'map',
      'reports',
      'stats',
      'supervision',
      'topics',
      'workbench',
    ]);
    expect(open('admin')).toEqual(['admin', 'assessment', 'map', 'workbench']);
    expect(open('inspector')).toContain('dispatch');
    expect(open('inspector')).not.toContain('admin');
  });

  it('offers in the sidebar only pages the role may open, and every page to someone', () => {
    for (const role of ROLES)
      for (const item of navFor(user(role))) expect(canOpenPage(user(role), item.page)).toBe(true);
    for (const item of STAFF_NAV) expect(ROLES.some((r) => canOpenPage(user(r), item.page))).toBe(true);
  });

  it('sends the case page back to a page the user may open', () => {
    expect(caseBackLink(user('handler')).href).toBe('/inbox');
    expect(caseBackLink(user('inspector')).href).toBe('/supervision');
    expect(caseBackLink(user('leader')).href).toBe('/stats');
    expect(caseBackLink(user('grid_worker')).href).toBe('/grid');
    for (const role of ROLES) {
      const page = pageOfPath(caseBackLink(user(role)).href);
      expect(page && canOpenPage(user(role), page)).toBe(true);
    }
  });

  it('lands a grid worker on their grid and everyone else on the workbench', () => {
    expect(landingPath(user('grid_worker'))).toBe('/grid');
    for (const role of ROLES.filter((r) => r !== 'grid_worker'))
      expect(landingPath(user(role))).toBe('/workbench');
    expect(landingPath({ role: 'grid_worker', jurisdiction: { kind: 'none' } })).toBe('/workbench');
  });

  it('refuses everything but the workbench to a user without a binding', () => {
    const none = { role: 'leader' as Role, jurisdiction: { kind: 'none' as const } };
    expect(canOpenPage(none, 'stats')).toBe(false);
    expect(canOpenPage(none, 'workbench')).toBe(true);
  });
});
