import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listPublicRequests } from '@/db/queries/open311';
import { AppError } from '@/lib/http/errors';
import {
  type ListRequestsQuery,
  listRequestsQuery,
  OPEN311_ID_RE,
  type Open311Request,
  requestFilterIssues,
  toOpen311Request,
  toRequestFilter,
} from './open311-request';

/** GET requests: the spec's filters over public complaints (never misconduct reports), newest first. */
export async function listOpen311Requests(
  db: DbOrTx,
  params: URLSearchParams,
  now = new Date(),
): Promise<{ requests: Open311Request[]; query: ListRequestsQuery }> {
  const query = listRequestsQuery.parse(Object.fromEntries(params));
  const issues = requestFilterIssues(query);
  if (issues.length > 0) {
    throw new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  const rows = await listPublicRequests(db, toRequestFilter(query, now));
  return { requests: rows.map(toOpen311Request), query };
}

/** GET requests/{id}: one public request by its public id; NOT_FOUND for unknown or misconduct. */
export async function getOpen311Request(db: DbOrTx, id: string): Promise<Open311Request> {
  const [row] = OPEN311_ID_RE.test(id)
    ? await listPublicRequests(db, { ids: [Number(id)], limit: 1, offset: 0 })
    : [];
  if (!row) throw new AppError('NOT_FOUND', `service_request_id ${id} was not found`);
  return toOpen311Request(row);
}
