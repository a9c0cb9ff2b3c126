import { z } from 'zod';
import { NO_NUL } from '@/lib/http/no-nul';
import { MAX_PASSWORD_LENGTH } from './password';

/** The body of POST /api/auth/login. */
export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(64).regex(NO_NUL),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export type LoginInputBody = z.infer<typeof loginInputSchema>;
