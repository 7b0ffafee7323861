// The interview's report (interviewer link only; the candidate link gets the usual 404): built
// from the stored records with every hidden case reduced to its name, verdict and time.
import { integrityView } from '../../core/integrity.js';
import { interviewClock } from '../../core/interview.js';
import type { InterviewReport } from '../../core/views/report-view.js';
import { access, interviewChallenge, requireRole } from '../http/interview-access.js';
import type { RouteContext, Routes } from './route-context.js';

export function reportRoutes({ interview: byToken }: Routes, { deps }: RouteContext): void {
  const { store, challenges } = deps;

  byToken.get('/report', requireRole('interviewer'), async (_req, res) => {
    const { interview } = access(res);
    const [challenge, records, draft, scorecard, { events }] = await Promise.all([
      interviewChallenge(challenges, interview),
      store.listSubmissions(interview.id),
      store.getDraft(interview.id),
      store.getScorecard(interview.id),
      store.getDraftEvents(interview.id),
    ]);
    const lastSubmit = records.filter((r) => r.kind === 'submit').at(-1);
    const now = Date.now();
    res.json({
      generatedAtMs: now,
      interview,
      clock: interviewClock(interview, now),
      challenge: { id: challenge.spec.id, title: challenge.spec.title, difficulty: challenge.spec.difficulty },
      finalCode: lastSubmit?.code ?? draft?.code ?? null,
      submissions: records.map((r) => ({
        kind: r.kind,
        origin: r.origin,
        status: r.status,
        verdict: r.verdict,
        createdAtMs: r.createdAtMs,
        timing: r.result?.timing ?? null,
        // Only how a case went: no rows, diff, error, output or plan text, and a hidden case's rule neither.
        cases: (r.result?.cases ?? []).map((c) => ({
          name: c.name,
          hidden: c.hidden,
          ...(c.hidden ? {} : { description: c.description }),
          verdict: c.verdict,
          timeMs: c.timeMs,
          referenceTimeMs: c.referenceTimeMs,
          ...(c.planInsights ? { planInsights: c.planInsights } : {}),
          ...(c.referencePlanInsights ? { referencePlanInsights: c.referencePlanInsights } : {}),
        })),
        code: r.code,
      })),
      scorecard,
      integrity: integrityView(events, now),
    } satisfies InterviewReport);
  });
}
