import { z } from 'zod';
import { toErrorResponse } from '@/lib/http/errors';
import { readAreas } from '@/lib/map/list-map-layers.server';
import { areaLevelParam, searchParamsOf } from '@/lib/map/params';

const query = z.object({ level: areaLevelParam });

export async function GET(request: Request) {
  try {
    const { level } = query.parse(searchParamsOf(request));
    return new Response(await readAreas(level), {
      headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
