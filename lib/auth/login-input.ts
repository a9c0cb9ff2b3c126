import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './password';

/** The body of POST /api/auth/login. */
export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export type LoginInputBody = z.infer<typeof loginInputSchema>;
