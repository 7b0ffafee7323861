// JSON Schemas for editors (yaml-language-server), generated from the zod challenge schemas.
import { z } from 'zod';
import { CaseSpecSchema, ChallengeSpecSchema } from './challenge.js';

export function challengeJsonSchemas(): Record<string, unknown> {
  return {
    'challenge.schema.json': { title: 'challenge.yaml', ...z.toJSONSchema(ChallengeSpecSchema, { io: 'input' }) },
    'case.schema.json': { title: 'case.yaml', ...z.toJSONSchema(CaseSpecSchema, { io: 'input' }) },
  };
}
