/**
 * The deadline sweep's one write: record every warning that is due and not yet raised. The unique
 * index on deadline_alerts makes it exactly-once across restarts and concurrent sweeps; the rows
 * returned are the warnings raised by this call, and only those get events and reminders. Imported
 * history (`imported_as = 'history'`) is never swept: its deadlines are the source's, long past.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

export interface RaisedAlert extends Record<string, unknown> {
  id: number;
  subject_type: 'complaint' | 'letter';
  subject_id: number;
  deadline: 'dispatch' | 'first_reply' | 'resolve' | 'response';
  level: 'due_soon' | 'overdue';
  due_at: Date;
  office_id: number | null;
  complaint_id: number | null;
  title: string;
}

const OPEN = sql`('received','triaged','dispatched','accepted','in_progress','reopened','returned','transferred','escalated')`;

export async function raiseDueAlerts(db: DbOrTx, params: { now: Date; dueSoonHours: number }) {
  const now = params.now.toISOString();
  const soon = new Date(params.now.getTime() + params.dueSoonHours * 3_600_000).toISOString();
  return queryRows<RaisedAlert>(
    db,
    sql`with due as (
          select 'complaint'::text as subject_type, c.id as subject_id, d.deadline, d.due_at,
                 c.responsible_office_id as office_id, c.id as complaint_id, c.title
          from complaints c
          cross join lateral (values
            ('dispatch', case when c.status in ('received','triaged','returned') then c.dispatch_due_at end),
            ('first_reply', case when c.first_replied_at is null then c.first_reply_due_at end),
            ('resolve', c.resolve_due_at)
          ) as d(deadline, due_at)
          where c.status in ${OPEN} and d.due_at is not null and d.due_at <= ${soon}::timestamptz
            and c.imported_as is distinct from 'history'
          union all
          select 'letter', l.id, 'response', l.due_at, l.office_id, l.complaint_id, l.code
          from supervision_letters l
          where l.answered_at is null and l.due_at <= ${soon}::timestamptz
        ),
        leveled as (
          select due.*, case when due_at <= ${now}::timestamptz then 'overdue' else 'due_soon' end as level from due
        ),
        inserted as (
          insert into deadline_alerts (subject_type, subject_id, deadline, level, due_at, raised_at)
          select subject_type, subject_id, deadline, level, due_at, ${now}::timestamptz from leveled
          on conflict (subject_type, subject_id, deadline, level, due_at) do nothing
          returning id, subject_type, subject_id, deadline, level, due_at
        )
        select i.id, i.subject_type, i.subject_id, i.deadline, i.level, i.due_at, l.office_id, l.complaint_id, l.title
        from inserted i join leveled l using (subject_type, subject_id, deadline, level, due_at)
        order by i.id`,
  );
}
