// Who is asking on an interview link: the token resolves to its interview and role (every
// unknown, malformed or foreign token or id is the same 404), one role gate, and the lookups
// every interview route needs (its own submission, its challenge, what its role calls cases).
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { ChallengeCatalog } from '../../core/challenge-catalog.js';
import type { Interview, Role } from '../../core/interview.js';
import type { Challenge } from '../../core/load-challenge.js';
import type { SubmissionRecord } from '../../core/submission.js';
import { TOKEN_PATTERN, hashToken } from '../../core/tokens.js';
import type { Store } from '../../store/store.js';
import { candidateCaseNames, realCaseNames, type CaseNamer } from '../visibility.js';
import { notFound, type HttpError } from './http-error.js';

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

/** The interview's challenge; gone from the catalogue is a fault (a 500), not the caller's mistake. */
export async function interviewChallenge(challenges: ChallengeCatalog, interview: Interview): Promise<Challenge> {
  const challenge = await challenges.get(interview.challengeId);
  if (!challenge) throw new Error(`challenge ${interview.challengeId} of interview ${interview.id} is gone`);
  return challenge;
}

/** What this link's role may call the interview's cases (hidden ones neutral for the candidate). */
export async function caseNamesFor(challenges: ChallengeCatalog, { role, interview }: Access): Promise<CaseNamer> {
  return role === 'interviewer' ? realCaseNames : candidateCaseNames(await interviewChallenge(challenges, interview));
}
