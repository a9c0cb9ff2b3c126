import { z } from 'zod';
import { toErrorResponse } from '@/lib/http/errors';
import { readComplaintPoints } from '@/lib/map/list-map-layers.server';
import { bboxParam, searchParamsOf } from '@/lib/map/params';

const query = z.object({ bbox: bboxParam });

export async function GET(request: Request) {
  try {
    const { bbox } = query.parse(searchParamsOf(request));
    return Response.json(await readComplaintPoints(bbox, new Date()), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
