import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { route } from '@/lib/http/route.server';
import { getReportPdf } from '@/lib/reports/issue-monthly-report.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → the issued report's PDF (as stored; printed now if it could not be at issue). Audited as an export. */
export const GET = route({ auth: 'session', params }, async ({ db, user, params, request }) => {
  const pdf = await getReportPdf(db, user, params.id, { ip: requestMeta(request).ip });
  const ascii = pdf.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  const inline = new URL(request.url).searchParams.get('download') !== '1';
  return new Response(new Blob([pdf.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`,
      'content-length': String(pdf.bytes.byteLength),
      'cache-control': 'private, no-store',
      ...(pdf.sha256 ? { etag: `"${pdf.sha256}"` } : {}),
    },
  });
});
