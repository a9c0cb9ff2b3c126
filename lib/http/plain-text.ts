/**
 * Text from a request may hold any Unicode except what PostgreSQL cannot store: NUL (a text value
 * cannot carry it) and an unpaired UTF-16 surrogate (not a character at all: JSON may spell one as
 * `\ud800`, and a jsonb value refuses it). Both were found by the fuzz suite as a 500. Use with
 * zod's `.regex`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
export const PLAIN_TEXT = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
export const PLAIN_TEXT_MESSAGE = 'Must not contain NUL characters or unpaired surrogates';
