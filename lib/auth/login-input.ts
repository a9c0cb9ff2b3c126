import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './password';

/**
 * A username never holds NUL, which a PostgreSQL text parameter cannot carry (found by the fuzz
 * suite: the user lookup failed with a 500).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const NO_NUL = /^[^\u0000]*$/;

/** The body of POST /api/auth/login. */
export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(64).regex(NO_NUL),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export type LoginInputBody = z.infer<typeof loginInputSchema>;
