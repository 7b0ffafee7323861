// The one error middleware: HttpError messages (a 4xx, or a deliberate 5xx such as the 503 of an
// unbuilt web app), a write to an ended interview (a 409), a full Redis (a 503 saying nothing was
// saved) and body-parser rejections
// reach the client as written; anything else is a 500 with a generic message and an error id
// that is in the log.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../core/views/ops-view.js';
import type { ServerConfig } from '../config.js';
import { isRedisFull } from '../../store/redis.js';
import { InterviewEndedError } from '../../store/store.js';
import { HttpError } from './http-error.js';

/** Redis at maxmemory refused a write: the request changed nothing. */
export const REDIS_FULL_MESSAGE =
  "the grader's store is full (Redis maxmemory): nothing of this request was saved; try again later, and tell the operator to free space or raise GRADER_REDIS_MAXMEMORY_BYTES";

/** A Run, Submit or draft edit after the interview's end. */
export const INTERVIEW_ENDED_MESSAGE = 'the interview has ended: Runs, Submits and draft edits are closed';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message: string;
}

export function errorHandler(config: ServerConfig, logger: Logger) {
  return (caught: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let error = caught;
    let status = 500;
    let message = 'internal error';
    const parserError = error as BodyParserError;
    if (error instanceof HttpError) {
      status = error.status;
      message = error.message;
    } else if (error instanceof InterviewEndedError) {
      status = 409;
      message = INTERVIEW_ENDED_MESSAGE;
    } else if (isRedisFull(error)) {
      error = new HttpError(503, REDIS_FULL_MESSAGE, { cause: error });
      status = 503;
      message = REDIS_FULL_MESSAGE;
    } else if (parserError?.type === 'entity.parse.failed') {
      status = 400;
      message = 'request body is not valid JSON';
    } else if (parserError?.type === 'entity.too.large') {
      status = 413;
      message = `request body is larger than ${config.GRADER_BODY_LIMIT_BYTES} bytes (GRADER_BODY_LIMIT_BYTES)`;
    } else if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.expose) {
      status = parserError.status;
      message = parserError.message;
    }
    if (status >= 500) {
      const errorId = randomUUID();
      (req.log ?? logger).error({ err: error, errorId }, 'request failed');
      const deliberate = error instanceof HttpError;
      if (!res.headersSent)
        res.status(deliberate ? status : 500).json({ error: deliberate ? message : 'internal error', errorId } satisfies ErrorBody);
      else res.end();
      return;
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: message } satisfies ErrorBody);
  };
}
