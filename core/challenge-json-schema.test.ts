import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { challengeJsonSchemas } from './challenge-json-schema.js';

describe('challenge JSON Schemas', () => {
  it.each(Object.entries(challengeJsonSchemas()))('committed %s matches the zod schema (npm run schema:json)', async (file, schema) => {
    const committed = JSON.parse(await readFile(path.resolve(import.meta.dirname, '..', 'challenges', file), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('describes fields with their units', () => {
    const text = JSON.stringify(challengeJsonSchemas()['challenge.schema.json']);
    expect(text).toMatch(/caseTimeLimitMs/);
    expect(text).toMatch(/in milliseconds/);
  });
});
