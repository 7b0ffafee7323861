// Rate limits: a fixed one-minute window per key (an admin's address, a token), answered with
// the API's 429. Counters live in this process's memory, so each limit is per server process.
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpError } from './http-error.js';

export function rateLimitPerMinute(limit: number, key: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, _res, next) => next(new HttpError(429, `too many requests: at most ${limit} per minute`)),
  });
}
