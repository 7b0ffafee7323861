// Interviews: the admin creates them (both links), lists them with their latest verdicts and
// deletes one with everything of it; each link opens its interview as its role sees it
// (`GET /api/i/:token`).
import { z } from 'zod';
import type { CreatedInterview, InterviewList, InterviewView } from '../../core/views/interview-view.js';
import { publicUrl } from '../config.js';
import { challengeView } from '../challenge-view.js';
import { HttpError } from '../http/http-error.js';
import { access, interviewChallenge } from '../http/interview-access.js';
import { validate } from '../http/validate.js';
import { submissionSummary } from '../visibility.js';
import type { RouteContext, Routes } from './route-context.js';

const CreateInterviewSchema = z.strictObject({
  challengeId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a challenge id')
    .max(100),
  candidateName: z.string().trim().min(1).max(200),
});
const InterviewIdSchema = z.strictObject({ id: z.uuid('must be an interview id') });
const ListInterviewsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function interviewRoutes({ app, interview: byToken }: Routes, { config, deps, adminOnly }: RouteContext): void {
  const { store, challenges } = deps;

  app.get('/api/interviews', ...adminOnly, async (req, res) => {
    const { limit } = validate(ListInterviewsQuerySchema, req.query, 'query');
    const interviews = await Promise.all(
      (await store.listInterviews(limit)).map(async (interview) => {
        const submissions = await store.listSubmissions(interview.id);
        const latestSubmit = submissions.filter((s) => s.kind === 'submit').at(-1);
        return {
          interview,
          submissionCount: submissions.length,
          latest: submissions.length > 0 ? submissionSummary(submissions.at(-1)!) : null,
          latestSubmit: latestSubmit ? submissionSummary(latestSubmit) : null,
        };
      }),
    );
    res.json({ interviews } satisfies InterviewList);
  });

  app.post('/api/interviews', ...adminOnly, async (req, res) => {
    const input = validate(CreateInterviewSchema, req.body, 'interview');
    if (!(await challenges.get(input.challengeId))) throw new HttpError(400, `unknown challenge ${JSON.stringify(input.challengeId)}`);
    const { interview, candidateToken, interviewerToken } = await store.createInterview(input);
    const base = publicUrl(config);
    res.status(201).json({
      interview,
      candidateToken,
      interviewerToken,
      candidateUrl: `${base}/i/${candidateToken}`,
      interviewerUrl: `${base}/i/${interviewerToken}`,
    } satisfies CreatedInterview);
  });

  app.delete('/api/interviews/:id', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    if (!(await store.deleteInterview(id))) throw new HttpError(404, 'no such interview');
    req.log.info({ interviewId: id }, 'interview deleted');
    res.status(204).end();
  });

  byToken.get('/', async (_req, res) => {
    const { interview, role } = access(res);
    const challenge = await interviewChallenge(challenges, interview);
    const submissions = await store.listSubmissions(interview.id);
    res.json({
      role,
      interview,
      challenge: await challengeView(challenge),
      ...(role === 'interviewer'
        ? { hiddenCases: challenge.cases.filter((c) => c.hidden).map((c) => ({ name: c.name, description: c.spec.description })) }
        : {}),
      submissions: submissions.map(submissionSummary),
    } satisfies InterviewView);
  });
}
