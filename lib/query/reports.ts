/** Browser calls of the monthly reports: issuing one (a new version when the month already has one). */
import { request, requestResponse } from './api-client';

export interface IssuedReport {
  id: number;
  version: number;
  /** The PDF could not be rendered (the report is kept; the PDF can be made again). */
  pdfError: { message: string } | null;
}

/** POST /api/reports. */
export const issueReport = async (input: { areaCode: string; month: string }): Promise<IssuedReport> =>
  (await request<{ report: IssuedReport }>('/api/reports', { method: 'POST', body: input })).report;

/**
 * GET an export endpoint (`/api/export/…xlsx?…`): the 2xx answer with its body unread, to be
 * streamed (the row count comes first in `X-Export-Rows`), or an `ApiError`.
 */
export const openExport = (href: string, signal?: AbortSignal): Promise<Response> =>
  requestResponse(href, { signal });
