// Submissions of an interview: the candidate posts a Run or a Submit of one of its challenges, or
// a Run on rows of their own (checked cell by cell before anything is stored)
// (accepted durably, then queued; refused with a 409 once the interview has ended) and may stop
// their own Run (never a Submit); both roles read them as their role may see them.
import { z } from 'zod';
import { CustomInputSchema, customInputProblems } from '../../core/custom-input.js';
import { SubmissionKindSchema } from '../../core/submission.js';
import type { SubmissionAccepted, SubmissionList } from '../../core/views/submission-view.js';
import { enqueueGrade } from '../../store/enqueue.js';
import { assertCodeSize } from '../http/code-size.js';
import { HttpError } from '../http/http-error.js';
import { access, caseNamesFor, interviewChallenge, ownSubmission, requestedChallengeId, requireRole } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
import { unlessEnded } from '../interview-end.js';
import { submissionView } from '../visibility.js';
import type { RouteContext, Routes } from './route-context.js';

const SubmitSchema = z
  .strictObject({
    kind: SubmissionKindSchema,
    code: z.string(),
    /** Which of the interview's challenges; absent: the one the candidate is on. */
    challengeId: z.string().max(100).optional(),
    /** A Run on these rows instead of the public cases (challenges with `customInput: true`). */
    customInput: CustomInputSchema.optional(),
  })
  .refine((s) => s.customInput === undefined || s.kind === 'run', {
    path: ['customInput'],
    message: 'custom input goes with a Run, never a Submit',
  });

export function submissionRoutes({ interview: byToken }: Routes, { config, deps, limits }: RouteContext): void {
  const { store, queue, challenges } = deps;
  const submitLimiter = limits.perMinute('submit', config.GRADER_SUBMISSIONS_PER_MINUTE, (_req, res) => access(res).tokenHash);

  byToken.get('/submissions', async (_req, res) => {
    const { interview, role } = access(res);
    const names = await caseNamesFor(challenges, access(res));
    res.json({
      submissions: (await store.listSubmissions(interview.id)).map((s) => submissionView(s, role, names(s.challengeId))),
    } satisfies SubmissionList);
  });

  byToken.post(
    '/submissions',
    submitLimiter,
    requireRole('candidate', () => new HttpError(403, 'only the candidate link submits')),
    async (req, res) => {
      const { interview } = access(res);
      const input = validate(SubmitSchema, req.body, 'submission');
      assertCodeSize(input.code, config);
      const challengeId = requestedChallengeId(interview, input.challengeId);
      if (input.customInput) {
        const challenge = await interviewChallenge(challenges, interview, challengeId);
        if (!challenge.spec.customInput) throw new HttpError(400, `challenge ${challengeId} does not take custom input`);
        const problems = customInputProblems(challenge.spec, input.customInput);
        if (problems.length > 0) throw new HttpError(400, `invalid custom input: ${problems.join('; ')}`);
      }
      const { record, rank } = await unlessEnded(deps, config, interview, () =>
        store.acceptSubmission({
          interviewId: interview.id,
          challengeId,
          kind: input.kind,
          code: input.code,
          ...(input.customInput ? { customInput: input.customInput } : {}),
        }),
      );
      // The record is durable now; if this add is lost (crash, Redis blip) the workers' sweep enqueues it.
      await enqueueGrade(queue, config, record, rank).catch((error: unknown) => {
        req.log.error({ err: error, submissionId: record.id }, 'enqueue failed; the sweep will enqueue it');
      });
      res
        .status(202)
        .location(`${req.baseUrl}/submissions/${record.id}`)
        .json({ id: record.id, status: record.status } satisfies SubmissionAccepted);
    },
  );

  byToken.post(
    '/submissions/:id/cancel',
    requireRole('candidate', () => new HttpError(403, 'only the candidate link stops a Run')),
    async (req, res) => {
      const record = await ownSubmission(store, req, res);
      if (record.kind !== 'run') throw new HttpError(409, 'a Submit cannot be stopped once it is sent; only a Run can');
      const outcome = await store.cancel(record);
      if (outcome === 'missing') throw new HttpError(404, 'not found');
      if (outcome === 'graded' || outcome === 'system_error') throw new HttpError(409, 'the Run has finished already');
      req.log.info({ submissionId: record.id, outcome }, 'Run stopped by the candidate');
      res.status(202).json({ id: record.id, status: outcome === 'cancelled' ? 'cancelled' : 'running' } satisfies SubmissionAccepted);
    },
  );

  byToken.get('/submissions/:id', async (req, res) => {
    const record = await ownSubmission(store, req, res);
    res.json(submissionView(record, access(res).role, (await caseNamesFor(challenges, access(res)))(record.challengeId)));
  });
}
