import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user.server';
import { AppError } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { isSameOrigin } from '@/lib/http/same-origin';
import { NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { storeUpload } from '@/lib/intake/store-upload.server';
import { UPLOAD_MAX_BYTES } from '@/lib/intake/upload-limits';

const kindField = z.enum(['photo', 'video', 'audio']).optional();
/** Room for the multipart envelope around the largest file. */
const BODY_MAX = UPLOAD_MAX_BYTES + 64 * 1024;

/** POST multipart/form-data {file, kind?} → one checked, stored attachment (201) to pass in attachmentIds. */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate: { key: 'upload', rule: INTAKE_RATE_RULES.uploadPerAddress },
  },
  async ({ db, request }) => {
    // The boundary parameter is case-sensitive: keep the header as sent.
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('multipart/form-data')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be multipart/form-data');
    }
    const body = await readCapped(request, BODY_MAX);
    const form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': type } })
      .formData()
      .catch(() => {
        throw new AppError('VALIDATION', 'Malformed multipart body', [
          { path: '', message: 'Malformed form data' },
        ]);
      });
    const file = form.get('file');
    if (!(file instanceof Blob)) {
      throw new AppError('VALIDATION', 'file: missing', [{ path: 'file', message: 'Required' }]);
    }
    const declared = kindField.safeParse(form.get('kind') ?? undefined);
    if (!declared.success) {
      throw new AppError('VALIDATION', 'kind: photo, video or audio', [
        { path: 'kind', message: 'Invalid kind' },
      ]);
    }
    const user = isSameOrigin(request) ? await getCurrentUser() : null;
    const stored = await storeUpload(db, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      declaredKind: declared.data,
      uploadedByUserId: user?.id ?? null,
    });
    return jsonResponse({ attachment: stored }, { status: 201, headers: NO_STORE });
  },
);

/** The body, refusing (413) past `max` bytes whether or not Content-Length was declared. */
async function readCapped(request: Request, max: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length') ?? 0) > max) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'Upload too large');
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', 'Upload too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
