/**
 * Text from a request may hold any Unicode except NUL, which a PostgreSQL text value cannot carry
 * (found by the fuzz suite: an insert or lookup failed with a 500). Use with zod's `.regex`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
export const NO_NUL = /^[^\u0000]*$/;
export const NUL_MESSAGE = 'Must not contain NUL characters';
