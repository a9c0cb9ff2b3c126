import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { readAttachment } from '@/lib/intake/read-attachment.server';

const params = z.object({ id: z.uuid() });

/** GET ?exp&sig → the file, only through a signed, unexpired link (photos are stored without EXIF). */
export const GET = route({ auth: 'public', params }, async ({ db, params, request }) => {
  const url = new URL(request.url);
  const file = await readAttachment(db, {
    id: params.id,
    exp: url.searchParams.get('exp'),
    sig: url.searchParams.get('sig'),
  });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.mime,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    },
  });
});
