import 'server-only';
import type { Db } from '@/db/client';
import {
  findClueByFindingKey,
  getClueRow,
  insertClue,
  insertClueNote,
  listClueComplaintIds,
  listClueNotes,
  listClueRows,
  listComplaintIdsAtFacilities,
  nextClueCode,
  updateClueStatus,
  type Window,
} from '@/db/queries/clues';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { divisionPrefix } from '@/lib/geo/division-code';
import { AppError } from '@/lib/http/errors';
import { type ClueStatus, canMoveClue } from './clue-workflow';
import type { Clue, ClueDetail } from './clues.types';
import { detectFindings } from './detect-findings.server';

/** Clues are the 纪委's alone: inspectors, within their division. */
function clueReach(user: AuthUser) {
  assertCan(user, 'clue.manage');
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('FORBIDDEN', 'Clues need a division jurisdiction');
  return { prefix: divisionPrefix(j.divisionCode), includeUnplaced: j.divisionLevel === 'city' };
}

export async function listClues(db: Db, user: AuthUser, params: { status?: ClueStatus }): Promise<Clue[]> {
  return listClueRows(db, { ...clueReach(user), status: params.status });
}

export async function getClue(db: Db, user: AuthUser, id: number): Promise<ClueDetail> {
  const reach = clueReach(user);
  const clue = await getClueRow(db, { id, ...reach });
  if (!clue) throw new AppError('NOT_FOUND', 'No such clue');
  const [notes, complaintIds] = await Promise.all([
    listClueNotes(db, { clueId: id }),
    listClueComplaintIds(db, { clueId: id }),
  ]);
  return { ...clue, notes, complaintIds };
}

/**
 * Turn a finding into a clue. The finding is recomputed on the server from its key and window
 * (a client cannot forge evidence); the complaints behind it are attached. The same open finding
 * is never filed twice (CONFLICT with the existing clue's id).
 */
export async function createClueFromFinding(
  db: Db,
  user: AuthUser,
  params: { findingKey: string; window: Window; divisionCode?: string; note?: string },
): Promise<{ id: number }> {
  const { parameters, findings } = await detectFindings(db, user, {
    window: params.window,
    divisionCode: params.divisionCode,
  });
  const finding = findings.find((f) => f.key === params.findingKey);
  if (!finding) throw new AppError('NOT_FOUND', 'No such finding for this window and area');
  return db.transaction(async (tx) => {
    const existing = await findClueByFindingKey(tx, { key: finding.key });
    if (existing) throw new AppError('CONFLICT', `This finding is already clue ${existing.id}`);
    const complaintIds = finding.facilityIds.length
      ? await listComplaintIdsAtFacilities(tx, {
          window: params.window,
          facilityIds: finding.facilityIds,
          topics: finding.topics.length ? finding.topics : undefined,
          scope: complaintScope(user),
        })
      : [];
    const code = await nextClueCode(tx, new Date().getFullYear());
    const id = await insertClue(tx, {
      code,
      kind: finding.kind,
      title: finding.title.zh,
      summary: finding.why.zh,
      score: finding.score,
      officeId: finding.officeId,
      divisionCode: parameters.divisionCode,
      evidence: {
        ...finding.evidence,
        findingKey: finding.key,
        window: { from: params.window.from.toISOString(), to: params.window.to.toISOString() },
        facilityIds: finding.facilityIds,
        topics: finding.topics,
        titleEn: finding.title.en,
        whyEn: finding.why.en,
      },
      userId: user.id,
      complaintIds,
    });
    await insertClueNote(tx, {
      clueId: id,
      userId: user.id,
      from: null,
      to: 'new',
      note: params.note?.trim() || finding.why.zh,
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.clueChange,
      targetType: 'clue',
      targetId: id,
      data: { code, to: 'new', findingKey: finding.key, complaints: complaintIds.length },
    });
    return { id };
  });
}

/** Move a clue through its workflow with a note; a lost race or a wrong step is a CONFLICT. */
export async function moveClue(db: Db, user: AuthUser, params: { id: number; to: ClueStatus; note: string }) {
  const reach = clueReach(user);
  return db.transaction(async (tx) => {
    const clue = await getClueRow(tx, { id: params.id, ...reach });
    if (!clue) throw new AppError('NOT_FOUND', 'No such clue');
    if (!canMoveClue(clue.status, params.to)) {
      throw new AppError('CONFLICT', `A clue cannot go from ${clue.status} to ${params.to}`);
    }
    if (!(await updateClueStatus(tx, { id: params.id, from: clue.status, to: params.to }))) {
      throw new AppError('CONFLICT', 'The clue was changed meanwhile; reload it');
    }
    await insertClueNote(tx, {
      clueId: params.id,
      userId: user.id,
      from: clue.status,
      to: params.to,
      note: params.note,
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.clueChange,
      targetType: 'clue',
      targetId: params.id,
      data: { from: clue.status, to: params.to },
    });
    return { id: params.id, status: params.to };
  });
}
