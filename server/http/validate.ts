// zod at the edge: a failed parse becomes a 400 naming each bad field.
import type { z } from 'zod';
import { HttpError } from './http-error.js';

export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
  throw new HttpError(400, `invalid ${what}: ${detail}`);
}
