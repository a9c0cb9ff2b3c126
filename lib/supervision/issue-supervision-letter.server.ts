import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { listCaseBounces } from '@/db/queries/buck-passing';
import { getWorkCalendar } from '@/db/queries/sla';
import { getDisciplineOffice, insertLetterNextCode } from '@/db/queries/supervision';
import { getComplaintForTransition, listOfficesByIds } from '@/db/queries/workflow';
import { complaintEvents, notifications } from '@/db/schema';
import { queryRow } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { formatZhDeadlineDate } from '@/lib/format/date-time';
import { AppError } from '@/lib/http/errors';
import { addDays } from '@/lib/sla/compute-deadlines';
import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';
import { bouncingLetterDraft } from './buck-passing';
import { caseIsOverdue } from './case-is-overdue';
import { LETTER_RESPONSE_WORKING_DAYS, letterReason, letterYear } from './letter-template';
import type { IssuedLetter, LetterGround } from './supervision-actions.types';

/**
 * 督办函: an inspector issues a supervision letter on an overdue case of their jurisdiction to its
 * first-responsible office, from the template (facts filled in from the case, an optional extra
 * requirement appended). Numbered DB<year><seq> race-free, due in 3 working days (holiday calendar),
 * with a 'supervised' event on the case and a reminder in the office's outbox, in one transaction.
 * One unanswered letter per case at a time (CONFLICT otherwise).
 * Ground 'bouncing': an open case returned or transferred twice or more, overdue or not; the text
 * lists each return and transfer with its date, offices and stated reason (`bouncingLetterDraft`).
 */
export async function issueSupervisionLetter(
  db: DbOrTx,
  params: { user: AuthUser; complaintId: number; note?: string; ground?: LetterGround; now: Date },
): Promise<IssuedLetter> {
  const ground = params.ground ?? 'overdue';
  const { user, now } = params;
  assertCan(user, 'complaint.supervise');
  if (user.jurisdiction.kind !== 'division') throw new AppError('FORBIDDEN', 'Inspectors act for a division');
  const divisionCode = user.jurisdiction.divisionCode;
  return db.transaction(async (tx) => {
    const c = await getComplaintForTransition(tx, { id: params.complaintId, scope: complaintScope(user) });
    if (!c) throw new AppError('NOT_FOUND', 'Complaint not found');
    const facts = await queryRow<{
      trackingCode: string;
      resolveDueAt: Date | null;
      firstReplyDueAt: Date | null;
      firstRepliedAt: Date | null;
    }>(
      tx,
      sql`select tracking_code as "trackingCode", resolve_due_at as "resolveDueAt", first_reply_due_at as "firstReplyDueAt",
                 first_replied_at as "firstRepliedAt" from complaints where id = ${c.id} for update`,
    );
    if (!facts) throw new AppError('NOT_FOUND', 'Complaint not found');
    const resolveDue = facts.resolveDueAt ? new Date(facts.resolveDueAt) : null;
    const replyDue = facts.firstReplyDueAt ? new Date(facts.firstReplyDueAt) : null;
    const bounces =
      ground === 'bouncing'
        ? await listCaseBounces(tx, { scope: complaintScope(user), complaintId: c.id })
        : [];
    if (ground === 'bouncing') {
      if (
        (CLOSED_STATUSES as readonly string[]).includes(c.status) ||
        !c.responsibleOfficeId ||
        bounces.length < 2
      )
        throw new AppError(
          'CONFLICT',
          'Only an open case returned or transferred twice or more, with a responsible office, can be supervised for it',
        );
    } else if (!caseIsOverdue({ status: c.status, ...facts }, now) || !c.responsibleOfficeId) {
      throw new AppError(
        'CONFLICT',
        'Only an open, overdue case with a responsible office can be supervised',
      );
    }
    const pending = await queryRow<{ code: string }>(
      tx,
      sql`select code from supervision_letters where complaint_id = ${c.id} and answered_at is null limit 1`,
    );
    if (pending) throw new AppError('CONFLICT', `Letter ${pending.code} is still awaiting an answer`);
    const [office] = await listOfficesByIds(tx, [c.responsibleOfficeId]);
    const issuer = await getDisciplineOffice(tx, { divisionCode });
    if (!office || !issuer) throw new AppError('VALIDATION', 'No 纪委 office for this jurisdiction');
    const dueAt = addDays(now, LETTER_RESPONSE_WORKING_DAYS, true, await getWorkCalendar(tx));
    const note = params.note?.trim();
    const officeNames = new Map(
      (
        await listOfficesByIds(
          tx,
          bounces.flatMap((b) => [b.from_office_id, b.to_office_id]).filter((x): x is number => x !== null),
        )
      ).map((o) => [o.id, o.name]),
    );
    const body =
      ground === 'bouncing'
        ? `${bouncingLetterDraft({
            trackingCode: facts.trackingCode,
            title: c.title,
            bounces: bounces.map((b) => ({
              complaintId: c.id,
              type: b.type,
              at: new Date(b.at).toISOString(),
              reason: b.reason,
              fromOfficeId: b.from_office_id,
              toOfficeId: b.to_office_id,
            })),
            officeName: (id) => (id === null ? '平台' : (officeNames.get(id) ?? `#${id}`)),
            responsibleOfficeName: office.name,
          })}\n请于${formatZhDeadlineDate(dueAt)}前（${LETTER_RESPONSE_WORKING_DAYS}个工作日内）将办理情况书面报告。`
        : null;
    const reason =
      (body ??
        letterReason(
          {
            trackingCode: facts.trackingCode,
            title: c.title,
            submittedAt: new Date(c.submittedAt),
            officeName: office.name,
            resolveDueAt: resolveDue,
            firstReplyDueAt: replyDue,
            firstRepliedAt: facts.firstRepliedAt ? new Date(facts.firstRepliedAt) : null,
            dueAt,
            responseDays: LETTER_RESPONSE_WORKING_DAYS,
          },
          now,
        )) + (note ? `\n${note}` : '');
    let letter: { id: number; code: string } | undefined;
    for (let attempt = 0; attempt < 20 && !letter; attempt++) {
      letter = await insertLetterNextCode(tx, {
        year: letterYear(now),
        complaintId: c.id,
        officeId: office.id,
        issuingOfficeId: issuer.id,
        issuedByUserId: user.id,
        reason,
        issuedAt: now,
        dueAt,
      });
    }
    if (!letter) throw new AppError('CONFLICT', 'Could not number the letter; try again');
    await tx.insert(complaintEvents).values({
      complaintId: c.id,
      type: 'supervised',
      fromStatus: c.status,
      toStatus: c.status,
      actorUserId: user.id,
      actorOfficeId: issuer.id,
      data: {
        letterId: letter.id,
        code: letter.code,
        officeId: office.id,
        dueAt: dueAt.toISOString(),
        ground,
      },
      public: false,
      createdAt: now,
    });
    await tx.insert(notifications).values({
      recipientOfficeId: office.id,
      complaintId: c.id,
      letterId: letter.id,
      kind: 'letter_issued',
      title: `督办函 ${letter.code}`,
      body: c.title,
      data: { code: letter.code, dueAt: dueAt.toISOString() },
      createdAt: now,
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.letterIssue,
      targetType: 'letter',
      targetId: letter.id,
      data: { code: letter.code, complaintId: c.id, officeId: office.id, dueAt, ground },
      at: now,
    });
    return { id: letter.id, code: letter.code, dueAt };
  });
}
