'use client';

import { Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { formatDeadline } from '@/lib/format/date-time';
import { DEADLINE_COLORS, type DeadlineState, deadlineState } from '@/lib/sla/deadline-state';

const HOUR = 3_600_000;

export function deadlineCss(state: DeadlineState): string {
  const dark = TEXT_SHADES[state];
  return dark ?? `rgb(${DEADLINE_COLORS[state].join(',')})`;
}

/**
 * Text and tags print the deadline colour on white or on its own tint: the map's green, amber and grey
 * (DEADLINE_COLORS) fall below 4.5:1 there, so text uses a darker shade of the same hue.
 */
const TEXT_SHADES: Partial<Record<DeadlineState, string>> = {
  on_track: '#237804',
  due_soon: '#874d00',
  done: '#595959',
};

/**
 * A live countdown to one deadline in the three deadline colours (lib/sla/deadline-state.ts).
 * `doneAt`: when the step was done (the first reply sent, the case resolved); a step done after
 * its deadline shows 超期办结/逾期 in its own colour, never a grey "done".
 */
export function DeadlineCountdown({
  dueAt,
  status,
  now,
  met = false,
  doneAt = null,
}: {
  dueAt: Date | string | null;
  status: string;
  now: Date;
  /** The step is done (e.g. the first reply was sent), whatever the case status. */
  met?: boolean;
  doneAt?: Date | string | null;
}) {
  const t = useTranslations('workflow.countdown');
  const td = useTranslations('workflow.deadline');
  if (!dueAt) return <span>{t('none')}</span>;
  const due = new Date(dueAt);
  const done = doneAt ? new Date(doneAt) : null;
  const state: DeadlineState = met
    ? done && done.getTime() > due.getTime()
      ? 'done_late'
      : 'done'
    : deadlineState(status, due, now, undefined, done);
  if (state === 'done')
    return (
      <Tag color={deadlineCss('done')} data-deadline-state={state}>
        {t('met')}
      </Tag>
    );
  if (state === 'done_late')
    return (
      <Tag color={deadlineCss('done_late')} data-deadline-state={state} title={formatDeadline(due)}>
        {td('done_late')}
      </Tag>
    );
  const ms = Math.abs(due.getTime() - now.getTime());
  const days = Math.floor(ms / (24 * HOUR));
  const hours = Math.floor((ms % (24 * HOUR)) / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  const late = due.getTime() < now.getTime();
  const label =
    days > 0
      ? t(late ? 'overdue' : 'left', { days, hours })
      : t(late ? 'overdueHours' : 'leftHours', { hours, minutes });
  return (
    <Tag color={deadlineCss(state)} data-deadline-state={state} title={formatDeadline(due)}>
      {label}
    </Tag>
  );
}
