import { z } from 'zod';

/**
 * zod compiles object parsers with `new Function` after probing whether eval is allowed; under the
 * Content-Security-Policy (no 'unsafe-eval') that probe is reported as a violation. Front-ends import
 * this first so zod never tries.
 */
z.config({ jitless: true });
