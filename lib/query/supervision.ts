/** Client calls of the inspectors' supervision actions (letters, spot-check draws). */
import type { Json } from '@/lib/http/json.types';
import type {
  IssueLetterResponse,
  LetterGround,
  SpotCheckDraws,
} from '@/lib/supervision/supervision-actions.types';
import { send } from './api-client';

/** 督办函: POST /api/supervision/letters (inspectors; 409 while the case has an unanswered letter). */
export const issueLetter = (input: { complaintId: number; note?: string; ground?: LetterGround }) =>
  send<Json<IssueLetterResponse>>('POST', '/api/supervision/letters', input);

/** 抽查: POST /api/supervision/spot-checks, a completed month's draws (`month` omitted: last month). */
export const drawSpotChecks = (month?: string) =>
  send<Json<SpotCheckDraws>>('POST', '/api/supervision/spot-checks', { month });
