import { z } from 'zod';

/*
 * First of all the page's modules: zod compiles object parsers with
 * `new Function` unless told not to, and probes for it even then — which the
 * pages' content security policy (no eval) reports as a violation. Jitless
 * parsing is plenty fast for signalling messages. Must run before any schema
 * is built (the shared schemas are built when their module loads), so it is
 * main.tsx's first import and imports nothing else.
 */
z.config({ jitless: true });
