// Who is asking on an interview link: the token resolves to its interview and role (every
// unknown, malformed or foreign token or id is the same 404), one role gate, and the lookups
// every interview route needs (its own submission, one of its challenges, what its role calls cases).
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { ChallengeCatalog } from '../../core/challenge-catalog.js';
import { challengeOf, currentChallengeId, type Interview, type Role } from '../../core/interview.js';
import type { Challenge } from '../../core/load-challenge.js';
import type { SubmissionRecord } from '../../core/submission.js';
import { TOKEN_PATTERN, hashToken } from '../../core/tokens.js';
import type { Store } from '../../store/store.js';
import { candidateCaseNames, realCaseNames, type CaseNamer } from '../visibility.js';
import { HttpError, notFound } from './http-error.js';

export interface Access {
  interview: Interview;
  role: Role;
  tokenHash: string;
}
export type TokenRequest = Request<{ token: string; id?: string }>;

const SubmissionIdSchema = z.uuid();

/** The access `resolveInterview` found for this request. */
export const access = (res: Response): Access => res.locals.access as Access;

/** `onUnknown` counts a token that opens nothing and may throw instead of the usual 404 (a 429 for an address that keeps guessing). */
export function resolveInterview(store: Store, onUnknown: (req: Request) => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    const { token } = (req as TokenRequest).params;
    const found = TOKEN_PATTERN.test(token) ? await store.resolveToken(token) : null;
    if (!found) {
      await onUnknown(req);
      throw notFound();
    }
    res.locals.access = { ...found, tokenHash: hashToken(token) } satisfies Access;
    next();
  };
}

/** Lets only `role`'s link through; the other gets `deny()` (a 403 that says why, or the usual 404). */
export function requireRole(role: Role, deny: () => HttpError = notFound): RequestHandler {
  return (_req, res, next) => {
    if (access(res).role !== role) throw deny();
    next();
  };
}

/** The submission `:id` of this request's interview, or the usual 404. */
export async function ownSubmission(store: Store, req: Request, res: Response): Promise<SubmissionRecord> {
  const parsed = SubmissionIdSchema.safeParse((req as TokenRequest).params.id);
  if (!parsed.success) throw notFound();
  const record = await store.getSubmission(parsed.data);
  if (!record || record.interviewId !== access(res).interview.id) throw notFound();
  return record;
}

/** A challenge of the interview; gone from the catalogue is a fault (a 500), not the caller's mistake. */
export async function interviewChallenge(challenges: ChallengeCatalog, interview: Interview, challengeId: string): Promise<Challenge> {
  const challenge = await challenges.get(challengeId);
  if (!challenge) throw new Error(`challenge ${challengeId} of interview ${interview.id} is gone`);
  return challenge;
}

/**
 * Which of the interview's challenges a request is about: the one it names (a 400 when the
 * interview holds no such challenge), else the one the candidate is on.
 */
export function requestedChallengeId(interview: Interview, named: string | undefined): string {
  if (named === undefined) return currentChallengeId(interview);
  if (!challengeOf(interview, named))
    throw new HttpError(
      400,
      `challenge ${JSON.stringify(named.slice(0, 100))} is not one of this interview's (${interview.challenges.map((c) => c.challengeId).join(', ')})`,
    );
  return named;
}

/** What this link's role may call the cases of each of the interview's challenges (hidden ones neutral for the candidate). */
export async function caseNamesFor(challenges: ChallengeCatalog, { role, interview }: Access): Promise<(challengeId: string) => CaseNamer> {
  if (role === 'interviewer') return () => realCaseNames;
  const namers = new Map<string, CaseNamer>();
  for (const { challengeId } of interview.challenges)
    namers.set(challengeId, candidateCaseNames(await interviewChallenge(challenges, interview, challengeId)));
  // A submission names a challenge of its interview; any other gets the neutral names of none.
  return (challengeId) => namers.get(challengeId) ?? candidateCaseNames({ spec: { showHiddenCaseNames: false }, cases: [] });
}
