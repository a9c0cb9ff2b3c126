/**
 * Imported once by the client providers, for its effect: in the browser, zod 4 probes
 * `new Function('')` on first parse to decide whether to compile fast parsers; under the page CSP
 * (no 'unsafe-eval', lib/http/security-headers.ts) that probe is refused and reported as a CSP
 * violation. Turn zod's JIT off in the browser only (forms parse a few fields; the server keeps it).
 */
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });
