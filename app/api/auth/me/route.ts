import { route } from '@/lib/http/route.server';

/** GET → 200 {user} for the signed-in user, 401 otherwise. */
export const GET = route({ auth: 'session', cacheControl: 'private, no-store' }, async ({ user }) => ({
  user,
}));
