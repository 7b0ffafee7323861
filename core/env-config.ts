// Parsing GRADER_* environment variables with a process's own zod schema: one parse at start-up
// that fails naming every bad variable. Each process (server, worker, CLI) owns its schema.
import { z } from 'zod';

export class ConfigError extends Error {}

/** A positive integer setting with a default (environment values are strings). */
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A non-negative integer setting with a default. */
export const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

export const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Parses `env` with `schema`, throwing a ConfigError that names every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
