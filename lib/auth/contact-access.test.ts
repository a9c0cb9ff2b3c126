import { describe, expect, it } from 'vitest';
import { CONTACT_CLOSED_STATUSES, contactAccess } from './policy';
import type { AuthUser } from './types';

const office = (officeId: number) =>
  ({ kind: 'office', officeId, divisionCode: '510403000000', divisionLevel: 'county' }) as const;
const county = { kind: 'division', divisionCode: '510403000000', divisionLevel: 'county' } as const;
const u = (role: AuthUser['role'], jurisdiction: AuthUser['jurisdiction'], id = 7) => ({
  id,
  role,
  jurisdiction,
});
const open = { status: 'accepted', responsibleOfficeId: 1, reportedByUserId: 7 };

describe('contactAccess (who may unmask a reporter)', () => {
  it('the responsible office while open; not co-offices, not once closed, merged or rejected', () => {
    expect(contactAccess(u('handler', office(1)), open)).toBe('full');
    expect(contactAccess(u('handler', office(2)), open)).toBe('masked');
    for (const status of CONTACT_CLOSED_STATUSES)
      expect(contactAccess(u('handler', office(1)), { ...open, status })).toBe('masked');
    expect(contactAccess(u('handler', office(1)), { ...open, responsibleOfficeId: null })).toBe('masked');
  });

  it('the 纪委 always; the reporting grid worker while open; leaders and admins never', () => {
    expect(contactAccess(u('inspector', county), { ...open, status: 'closed' })).toBe('full');
    expect(contactAccess(u('grid_worker', { kind: 'grid', gridId: 3 }), open)).toBe('full');
    expect(contactAccess(u('grid_worker', { kind: 'grid', gridId: 3 }, 8), open)).toBe('masked');
    expect(
      contactAccess(u('grid_worker', { kind: 'grid', gridId: 3 }), { ...open, status: 'rejected' }),
    ).toBe('masked');
    expect(contactAccess(u('leader', county), open)).toBe('none');
    expect(contactAccess(u('admin', county), open)).toBe('none');
    expect(contactAccess(u('inspector', { kind: 'none' }), open)).toBe('masked');
  });
});
