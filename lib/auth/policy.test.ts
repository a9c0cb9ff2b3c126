import { describe, expect, it } from 'vitest';
import { ACTIONS, can, canReadPersonsUnmasked, complaintScope, jurisdictionOf } from './policy';
import type { AuthUser, Role } from './types';

const user = (role: Role, jurisdiction: AuthUser['jurisdiction']): AuthUser => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role,
  jurisdiction,
  jurisdictionName: null,
});

const bindings = {
  gridId: null,
  officeId: null,
  officeDivisionCode: null,
  officeDivisionLevel: null,
  divisionCode: null,
  divisionLevel: null,
} as const;

describe('policy: actions by role', () => {
  it('lets only inspectors read misconduct reports', () => {
    expect(ACTIONS['complaint.readMisconduct']).toEqual(['inspector']);
  });

  it('keeps personal data from leaders and admins', () => {
    for (const role of ['leader', 'admin'] as const) {
      expect(can({ role }, 'complaint.readContact')).toBe(false);
      expect(can({ role }, 'person.read')).toBe(false);
    }
    expect(can({ role: 'admin' }, 'complaint.read')).toBe(false);
    expect(can({ role: 'admin' }, 'config.manage')).toBe(true);
    expect(can({ role: 'leader' }, 'complaint.read')).toBe(true);
  });

  it('gives unmasked persons to the grid worker of that grid only', () => {
    const worker = user('grid_worker', { kind: 'grid', gridId: 7 });
    expect(canReadPersonsUnmasked(worker, 7)).toBe(true);
    expect(canReadPersonsUnmasked(worker, 8)).toBe(false);
    const inspector = user('inspector', { kind: 'division', divisionCode: 'X', divisionLevel: 'county' });
    expect(canReadPersonsUnmasked(inspector, 7)).toBe(false);
  });
});

describe('policy: jurisdiction from the user row', () => {
  it('binds each role to its kind of jurisdiction', () => {
    expect(jurisdictionOf({ ...bindings, role: 'grid_worker', gridId: 3 })).toEqual({
      kind: 'grid',
      gridId: 3,
    });
    expect(
      jurisdictionOf({
        ...bindings,
        role: 'handler',
        officeId: 5,
        officeDivisionCode: 'D',
        officeDivisionLevel: 'county',
      }),
    ).toEqual({ kind: 'office', officeId: 5, divisionCode: 'D', divisionLevel: 'county' });
    expect(jurisdictionOf({ ...bindings, role: 'leader', divisionCode: 'C', divisionLevel: 'city' })).toEqual(
      {
        kind: 'division',
        divisionCode: 'C',
        divisionLevel: 'city',
      },
    );
  });

  it('binds nothing when the binding does not fit the role', () => {
    expect(
      jurisdictionOf({ ...bindings, role: 'grid_worker', divisionCode: 'C', divisionLevel: 'city' }),
    ).toEqual({
      kind: 'none',
    });
    expect(jurisdictionOf({ ...bindings, role: 'inspector', gridId: 3 })).toEqual({ kind: 'none' });
    expect(jurisdictionOf({ ...bindings, role: 'handler', officeId: 5 })).toEqual({ kind: 'none' });
  });

  it('yields a condition that matches nothing for an unbound user', () => {
    const q = complaintScope(user('inspector', { kind: 'none' }));
    expect(
      q.queryChunks.map((c) => (typeof c === 'object' && 'value' in c ? c.value : '')).join(''),
    ).toContain('false');
  });
});
