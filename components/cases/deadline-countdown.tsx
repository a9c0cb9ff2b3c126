'use client';

import { Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { DEADLINE_COLORS, type DeadlineState, deadlineState } from '@/lib/sla/deadline-state';

const HOUR = 3_600_000;

export function deadlineCss(state: DeadlineState): string {
  return `rgb(${DEADLINE_COLORS[state].join(',')})`;
}

/**
 * A live countdown to one deadline in the three deadline colours. `met` (e.g. the first reply was
 * sent) shows as done.
 */
export function DeadlineCountdown({
  dueAt,
  status,
  now,
  met = false,
}: {
  dueAt: Date | string | null;
  status: string;
  now: Date;
  met?: boolean;
}) {
  const t = useTranslations('workflow.countdown');
  if (!dueAt) return <span>{t('none')}</span>;
  const due = new Date(dueAt);
  const state: DeadlineState = met ? 'done' : deadlineState(status, due, now);
  if (state === 'done') return <Tag color={deadlineCss('done')}>{t('met')}</Tag>;
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
    <Tag
      color={deadlineCss(state)}
      data-deadline-state={state}
      title={due.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}
    >
      {label}
    </Tag>
  );
}
