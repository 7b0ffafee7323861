// The interviewer's scorecard; the candidate link gets the usual 404.
import { ScorecardSchema } from '../../core/scorecard.js';
import type { ScorecardView } from '../../core/views/scorecard-view.js';
import { access, requireRole } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
import type { RouteContext, Routes } from './route-context.js';

export function scorecardRoutes({ interview: byToken }: Routes, { deps }: RouteContext): void {
  const { store } = deps;
  const interviewerOnly = requireRole('interviewer');

  byToken.get('/scorecard', interviewerOnly, async (_req, res) => {
    res.json(((await store.getScorecard(access(res).interview.id)) ?? { scorecard: null, updatedAtMs: null }) satisfies ScorecardView);
  });

  byToken.put('/scorecard', interviewerOnly, async (req, res) => {
    res.json(await store.putScorecard(access(res).interview.id, validate(ScorecardSchema, req.body, 'scorecard')));
  });
}
