import { z } from 'zod';
import { toErrorResponse } from '@/lib/http/errors';
import { readGrids } from '@/lib/map/list-map-layers.server';
import { bboxParam, searchParamsOf } from '@/lib/map/params';

const query = z.object({ bbox: bboxParam });

export async function GET(request: Request) {
  try {
    const { bbox } = query.parse(searchParamsOf(request));
    return new Response(await readGrids(bbox), {
      headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
