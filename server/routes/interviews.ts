// Interviews: the admin creates them (one challenge or several in order, or from a template;
// both links; an optional time box), lists them with their status and latest verdicts per
// challenge, re-issues a link, opens the interviewer view (a temporary link), ends, extends,
// archives and deletes one with everything of it; each link opens its interview as its role sees
// it (`GET /api/i/:token?challenge=`; the candidate's first visit starts the clock), the candidate
// link moves between the interview's challenges, and the interviewer link ends or extends its own
// interview.
import { z } from 'zod';
import type { ChallengeCatalog } from '../../core/challenge-catalog.js';
import { plannedDurationMs } from '../../core/interview-template.js';
import { RoleSchema, challengeTimes, currentChallengeId, interviewState } from '../../core/interview.js';
import { interviewClock, type EndedBy, type Interview, type InterviewChallenge } from '../../core/interview.js';
import type {
  CreatedInterview,
  InterviewChallengeEntry,
  InterviewList,
  InterviewState,
  InterviewView,
  IssuedLink,
  TemporaryLink,
} from '../../core/views/interview-view.js';
import type { Store } from '../../store/store.js';
import { publicUrl } from '../config.js';
import { challengeView } from '../challenge-view.js';
import { INTERVIEW_ENDED_MESSAGE } from '../http/error-handler.js';
import { HttpError } from '../http/http-error.js';
import { access, interviewChallenge, requestedChallengeId, requireRole } from '../http/interview-access.js';
import { endInterview } from '../interview-end.js';
import { ChallengeIdSchema, MinutesSchema, PlannedChallengesSchema, resolvePlan } from '../interview-plan.js';
import { validate } from '../http/validate.js';
import { submissionSummary } from '../visibility.js';
import type { RouteContext, Routes } from './route-context.js';

const CreateInterviewSchema = z
  .strictObject({
    candidateName: z.string().trim().min(1).max(200),
    /** One challenge. */
    challengeId: ChallengeIdSchema.optional(),
    /** Several, in order, with optional time budgets. */
    challenges: PlannedChallengesSchema.optional(),
    /** A template's challenges and budgets. */
    templateId: z.uuid('must be a template id').optional(),
    /** The time box in minutes (fractions allowed); absent: the sum of the challenges' budgets when each has one, else untimed. */
    durationMinutes: MinutesSchema.optional(),
  })
  .refine(
    (i) => [i.challengeId, i.challenges, i.templateId].filter((x) => x !== undefined).length === 1,
    'must give exactly one of challengeId, challenges or templateId',
  );
const InterviewIdSchema = z.strictObject({ id: z.uuid('must be an interview id') });
const ListInterviewsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `exclude` (default): archived interviews left out; `only`: just those; `include`: all. */
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
const ReissueSchema = z.strictObject({ role: RoleSchema });
const ExtendSchema = z.strictObject({ minutes: MinutesSchema });
const MoveSchema = z.strictObject({ challengeId: z.string().max(100) });
const ViewQuerySchema = z.strictObject({ challenge: z.string().max(100).optional() });
const ArchiveSchema = z.strictObject({ archived: z.boolean() });

const state = (interview: Interview): InterviewState => interviewState(interview, Date.now());

async function interviewOr404(store: Store, id: string): Promise<Interview> {
  const interview = await store.getInterview(id);
  if (!interview) throw new HttpError(404, 'no such interview');
  return interview;
}

/** A challenge's title as the lists show it; one gone from the catalogue shows its id. */
async function titleOf(catalog: ChallengeCatalog, challengeId: string): Promise<{ title: string; difficulty: string }> {
  const challenge = await catalog.get(challengeId).catch(() => null);
  return challenge ? { title: challenge.spec.title, difficulty: challenge.spec.difficulty } : { title: challengeId, difficulty: '' };
}

export function interviewRoutes({ app, interview: byToken }: Routes, { config, deps, adminOnly }: RouteContext): void {
  const { store, challenges, lifecycle, templates } = deps;
  const end = async (interview: Interview, by: EndedBy): Promise<InterviewState> => {
    await endInterview(deps, config, interview, by);
    return state(await interviewOr404(store, interview.id));
  };
  const extend = async (interview: Interview, minutes: number): Promise<InterviewState> => {
    const outcome = await lifecycle.extend(interview.id, minutes * 60_000);
    if (outcome === 'untimed') throw new HttpError(409, 'the interview is untimed: there is no deadline to extend');
    if (outcome === 'ended') throw new HttpError(409, 'the interview has ended: it cannot be extended');
    if (outcome === 'missing') throw new HttpError(404, 'no such interview');
    return state(await interviewOr404(store, interview.id));
  };

  app.get('/api/interviews', ...adminOnly, async (req, res) => {
    const { limit, archived } = validate(ListInterviewsQuerySchema, req.query, 'query');
    const listed = (await store.listInterviews(limit)).filter((i) =>
      archived === 'include' ? true : (i.archivedAtMs !== undefined) === (archived === 'only'),
    );
    const now = Date.now();
    const interviews = await Promise.all(
      listed.map(async (interview) => {
        const submissions = await store.listSubmissions(interview.id);
        const latestSubmit = submissions.filter((s) => s.kind === 'submit').at(-1);
        return {
          interview,
          clock: interviewClock(interview, now),
          submissionCount: submissions.length,
          latest: submissions.length > 0 ? submissionSummary(submissions.at(-1)!) : null,
          latestSubmit: latestSubmit ? submissionSummary(latestSubmit) : null,
          challenges: await Promise.all(
            interview.challenges.map(async ({ challengeId }) => {
              const last = submissions.filter((s) => s.kind === 'submit' && s.challengeId === challengeId).at(-1);
              return {
                challengeId,
                title: (await titleOf(challenges, challengeId)).title,
                latestSubmit: last ? submissionSummary(last) : null,
              };
            }),
          ),
        };
      }),
    );
    res.json({ interviews } satisfies InterviewList);
  });

  app.post('/api/interviews', ...adminOnly, async (req, res) => {
    const input = validate(CreateInterviewSchema, req.body, 'interview');
    let planned: InterviewChallenge[];
    if (input.templateId !== undefined) {
      const template = await templates.get(input.templateId);
      if (!template) throw new HttpError(400, 'no such template');
      planned = await resolvePlan(
        challenges,
        template.challenges.map((c) => ({
          challengeId: c.challengeId,
          ...(c.durationMs ? { durationMinutes: c.durationMs / 60_000 } : {}),
        })),
      );
    } else {
      planned = await resolvePlan(challenges, input.challenges ?? [{ challengeId: input.challengeId! }]);
    }
    const durationMs = input.durationMinutes !== undefined ? Math.round(input.durationMinutes * 60_000) : plannedDurationMs(planned);
    const { interview, candidateToken, interviewerToken } = await store.createInterview({
      challenges: planned,
      candidateName: input.candidateName,
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
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

  app.post('/api/interviews/:id/links', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    const { role } = validate(ReissueSchema, req.body, 'link');
    const token = await lifecycle.reissueLink(id, role);
    if (!token) throw new HttpError(404, 'no such interview');
    req.log.info({ interviewId: id, role }, 'link re-issued; the old one no longer works');
    res.status(201).json({ role, url: `${publicUrl(config)}/i/${token}` } satisfies IssuedLink);
  });

  app.post('/api/interviews/:id/open', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    const token = await lifecycle.temporaryInterviewerLink(id, config.GRADER_DASHBOARD_LINK_TTL_MS);
    if (!token) throw new HttpError(404, 'no such interview');
    res.status(201).json({
      url: `${publicUrl(config)}/i/${token}`,
      expiresAtMs: Date.now() + config.GRADER_DASHBOARD_LINK_TTL_MS,
    } satisfies TemporaryLink);
  });

  app.post('/api/interviews/:id/end', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    res.json(await end(await interviewOr404(store, id), 'admin'));
  });

  app.post('/api/interviews/:id/extend', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    const { minutes } = validate(ExtendSchema, req.body, 'extension');
    res.json(await extend(await interviewOr404(store, id), minutes));
  });

  app.post('/api/interviews/:id/archive', ...adminOnly, async (req, res) => {
    const { id } = validate(InterviewIdSchema, req.params, 'path');
    const { archived } = validate(ArchiveSchema, req.body, 'archive');
    if (!(await lifecycle.setArchived(id, archived))) throw new HttpError(404, 'no such interview');
    res.json(state(await interviewOr404(store, id)));
  });

  const interviewerOnly = requireRole('interviewer', () => new HttpError(403, 'only the interviewer link ends or extends the interview'));
  byToken.post('/end', interviewerOnly, async (_req, res) => {
    res.json(await end(access(res).interview, 'interviewer'));
  });
  byToken.post('/extend', interviewerOnly, async (req, res) => {
    const { minutes } = validate(ExtendSchema, req.body, 'extension');
    res.json(await extend(access(res).interview, minutes));
  });

  byToken.post(
    '/position',
    requireRole('candidate', () => new HttpError(403, 'only the candidate link moves between challenges')),
    async (req, res) => {
      const { interview } = access(res);
      const { challengeId } = validate(MoveSchema, req.body, 'position');
      const outcome = await lifecycle.move(interview.id, requestedChallengeId(interview, challengeId));
      if (outcome === 'ended') throw new HttpError(409, INTERVIEW_ENDED_MESSAGE);
      if (outcome === 'not_started') throw new HttpError(409, 'the interview has not started: open the candidate link first');
      if (outcome === 'missing') throw new HttpError(404, 'no such interview');
      res.json(state(await interviewOr404(store, interview.id)));
    },
  );

  byToken.get('/', async (req, res) => {
    const { role } = access(res);
    let { interview } = access(res);
    const { challenge: asked } = validate(ViewQuerySchema, req.query, 'query');
    const challengeId = requestedChallengeId(interview, asked);
    // The candidate's first visit starts the clock (on the challenge opened); a visit past the deadline ends it now.
    if (role === 'candidate' && interview.startedAtMs === undefined && (await lifecycle.start(interview.id, challengeId)))
      interview = await interviewOr404(store, interview.id);
    let clock = interviewClock(interview, Date.now());
    if (clock.status === 'ended' && interview.endedAtMs === undefined) ({ interview, clock } = await end(interview, 'deadline'));
    const challenge = await interviewChallenge(challenges, interview, challengeId);
    const submissions = await store.listSubmissions(interview.id);
    const times = new Map(challengeTimes(interview, clock.serverNowMs).map((t) => [t.challengeId, t.spentMs]));
    const current = currentChallengeId(interview);
    res.json({
      role,
      interview,
      clock,
      challenges: await Promise.all(
        interview.challenges.map(async (c): Promise<InterviewChallengeEntry> => ({
          challengeId: c.challengeId,
          ...(await titleOf(challenges, c.challengeId)),
          ...(c.durationMs !== undefined ? { durationMs: c.durationMs } : {}),
          spentMs: times.get(c.challengeId) ?? 0,
          current: c.challengeId === current,
        })),
      ),
      challenge: await challengeView(challenge),
      ...(role === 'interviewer'
        ? { hiddenCases: challenge.cases.filter((c) => c.hidden).map((c) => ({ name: c.name, description: c.spec.description })) }
        : {}),
      submissions: submissions.map(submissionSummary),
    } satisfies InterviewView);
  });
}
