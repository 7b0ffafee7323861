// Admin pages and lists: bull-board at /admin/queues, the challenge catalogue the dashboard picks
// from (challenges that do not load are left out and logged), and one challenge as the candidate
// will see it, for the dashboard's preview.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { expectedMinutesOf } from '../../core/challenge.js';
import type { ChallengeList, ChallengeListEntry, ChallengeView } from '../../core/views/challenge-view.js';
import { challengeView } from '../challenge-view.js';
import { HttpError } from '../http/http-error.js';
import { validate } from '../http/validate.js';
import type { RouteContext, Routes } from './route-context.js';

export function adminRoutes({ app }: Routes, { deps, adminOnly }: RouteContext): void {
  const { queue, challenges, logger } = deps;
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(queue, { readOnlyMode: false })], serverAdapter: board });
  app.use('/admin/queues', ...adminOnly, board.getRouter() as RequestHandler);

  app.get('/api/challenges', ...adminOnly, async (_req, res) => {
    const listed = await Promise.all(
      (await challenges.ids()).map(async (id): Promise<ChallengeListEntry[]> => {
        try {
          const challenge = await challenges.get(id);
          if (!challenge) return [];
          const { spec } = challenge;
          return [
            {
              id,
              title: spec.title,
              difficulty: spec.difficulty,
              summary: spec.summary,
              inputs: spec.inputs.map((i) => i.name),
              expectedMinutes: expectedMinutesOf(spec),
            },
          ];
        } catch (error) {
          logger.warn({ err: error, challengeId: id }, 'challenge does not load; left out of the list');
          return [];
        }
      }),
    );
    res.json({ challenges: listed.flat() } satisfies ChallengeList);
  });

  app.get('/api/challenges/:id', ...adminOnly, async (req, res) => {
    const { id } = validate(ChallengeIdSchema, req.params, 'path');
    const challenge = await challenges.get(id);
    if (!challenge) throw new HttpError(404, `unknown challenge ${JSON.stringify(id)}`);
    res.json((await challengeView(challenge)) satisfies ChallengeView);
  });
}

const ChallengeIdSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a challenge id')
    .max(100),
});
