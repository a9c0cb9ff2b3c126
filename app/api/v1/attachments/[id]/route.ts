import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { readAttachment } from '@/lib/intake/read-attachment.server';

const params = z.object({ id: z.uuid() });

/** GET ?exp&sig → the file, only through a signed, unexpired link (photos are stored without EXIF). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const { id } = params.parse(await context.params);
    const url = new URL(request.url);
    const file = await readAttachment(await getDb(), {
      id,
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
  } catch (error) {
    return toErrorResponse(error);
  }
}
