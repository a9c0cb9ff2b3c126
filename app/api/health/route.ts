import { connection } from 'next/server';
import { toErrorResponse } from '@/lib/http/errors';
import { readHealth } from '@/lib/system/get-health.server';

export async function GET() {
  await connection();
  try {
    return Response.json(await readHealth(), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
