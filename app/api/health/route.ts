import { route } from '@/lib/http/route.server';
import { readHealth } from '@/lib/system/get-health.server';

/** GET → status ok with the database engine, versions and row counts (for probes); 500 when the database fails. */
export const GET = route({ auth: 'public', cacheControl: 'no-store' }, () => readHealth());
