// The interview's report (interviewer link only; the candidate link gets the usual 404): built
// from the stored records of each of its challenges with every hidden case reduced to its name,
// verdict and time.
import { integrityView } from '../../core/integrity.js';
import { challengeTimes, interviewClock } from '../../core/interview.js';
import type { InterviewReport } from '../../core/views/report-view.js';
import { access, interviewChallenge, requireRole } from '../http/interview-access.js';
import { interviewSignals } from './drafts.js';
import type { RouteContext, Routes } from './route-context.js';

export function reportRoutes({ interview: byToken }: Routes, { deps }: RouteContext): void {
  const { store, challenges } = deps;

  byToken.get('/report', requireRole('interviewer'), async (_req, res) => {
    const { interview } = access(res);
    const [records, scorecard, events] = await Promise.all([
      store.listSubmissions(interview.id),
      store.getScorecard(interview.id),
      interviewSignals(store, interview),
    ]);
    const now = Date.now();
    const times = new Map(challengeTimes(interview, now).map((t) => [t.challengeId, t.spentMs]));
    const perChallenge = await Promise.all(
      interview.challenges.map(async ({ challengeId, durationMs }) => {
        const [challenge, draft] = await Promise.all([
          interviewChallenge(challenges, interview, challengeId),
          store.getDraft(interview.id, challengeId),
        ]);
        const lastSubmit = records.filter((r) => r.kind === 'submit' && r.challengeId === challengeId).at(-1);
        return {
          id: challengeId,
          title: challenge.spec.title,
          difficulty: challenge.spec.difficulty,
          ...(durationMs !== undefined ? { durationMs } : {}),
          spentMs: times.get(challengeId) ?? 0,
          finalCode: lastSubmit?.code ?? draft?.code ?? null,
        };
      }),
    );
    res.json({
      generatedAtMs: now,
      interview,
      clock: interviewClock(interview, now),
      challenges: perChallenge,
      submissions: records.map((r) => ({
        challengeId: r.challengeId,
        kind: r.kind,
        origin: r.origin,
        status: r.status,
        verdict: r.verdict,
        createdAtMs: r.createdAtMs,
        timing: r.result?.timing ?? null,
        custom: r.customInput !== null,
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
          ...(c.findings?.length ? { findings: c.findings.map((f) => ({ kind: f.kind, text: f.text })) } : {}),
        })),
        code: r.code,
      })),
      scorecard,
      integrity: integrityView(events, now),
    } satisfies InterviewReport);
  });
}
