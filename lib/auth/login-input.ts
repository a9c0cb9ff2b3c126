import { z } from 'zod';
import { PLAIN_TEXT } from '@/lib/http/plain-text';
import { MAX_PASSWORD_LENGTH } from './password';

/** The body of POST /api/auth/login. */
export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(64).regex(PLAIN_TEXT),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export type LoginInputBody = z.infer<typeof loginInputSchema>;
