import { describe, expect, it } from 'vitest';
import { DUE_SOON_HOURS, deadlineState } from './deadline-state';

const now = new Date('2026-03-10T08:00:00+08:00');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('deadlineState', () => {
  it('is done for closed cases whatever the deadline', () => {
    expect(deadlineState('resolved', hours(-100), now)).toBe('done');
    expect(deadlineState('closed', null, now)).toBe('done');
    expect(deadlineState('merged', hours(-1), now)).toBe('done');
    expect(deadlineState('rejected', hours(5), now)).toBe('done');
  });
  it('is done late (超期办结) for a resolution after the deadline, whatever the time now', () => {
    expect(deadlineState('resolved', hours(-100), now, DUE_SOON_HOURS, hours(-99))).toBe('done_late');
    expect(deadlineState('closed', hours(-100), now, DUE_SOON_HOURS, hours(-99))).toBe('done_late');
    expect(deadlineState('resolved', hours(-100), now, DUE_SOON_HOURS, hours(-100))).toBe('done');
    expect(deadlineState('resolved', null, now, DUE_SOON_HOURS, hours(-1))).toBe('done');
    // Merged and rejected cases are never late (the statistics leave them out of 超期件数).
    expect(deadlineState('merged', hours(-100), now, DUE_SOON_HOURS, hours(-1))).toBe('done');
    expect(deadlineState('rejected', hours(-100), now, DUE_SOON_HOURS, hours(-1))).toBe('done');
  });
  it('is overdue once the resolve deadline has passed', () => {
    expect(deadlineState('in_progress', hours(-0.01), now)).toBe('overdue');
    expect(deadlineState('reopened', hours(-72), now)).toBe('overdue');
  });
  it('is due soon inside the window, on track outside it', () => {
    expect(deadlineState('accepted', hours(DUE_SOON_HOURS), now)).toBe('due_soon');
    expect(deadlineState('accepted', hours(1), now)).toBe('due_soon');
    expect(deadlineState('accepted', hours(DUE_SOON_HOURS + 0.01), now)).toBe('on_track');
    expect(deadlineState('received', null, now)).toBe('on_track');
  });
});
