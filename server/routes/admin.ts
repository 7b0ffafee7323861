// Admin pages and lists: bull-board at /admin/queues and the challenge catalogue the start page
// picks from (challenges that do not load are left out and logged).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { ChallengeList, ChallengeListEntry } from '../../core/views/challenge-view.js';
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
          return [{ id, title: spec.title, difficulty: spec.difficulty, summary: spec.summary }];
        } catch (error) {
          logger.warn({ err: error, challengeId: id }, 'challenge does not load; left out of the list');
          return [];
        }
      }),
    );
    res.json({ challenges: listed.flat() } satisfies ChallengeList);
  });
}
