/** Browser calls of signing in. */
import type { AuthUser } from '@/lib/auth/types';
import { request } from './api-client';

/** POST /api/auth/login: the session cookie is set by the answer; the user comes back. */
export const logIn = (credentials: { username: string; password: string }): Promise<{ user?: AuthUser }> =>
  request<{ user?: AuthUser } | null>('/api/auth/login', {
    method: 'POST',
    body: credentials,
    headers: { accept: 'application/json' },
  }).then((body) => body ?? {});
