// The admin gate: the admin token as a Bearer token, or as the password of Basic auth (what a
// browser offers for bull-board's pages), compared in constant time; `presents` is the same
// check for any secret (the metrics token).
import type { Request, RequestHandler } from 'express';
import { secretsEqual } from '../../core/tokens.js';
import { HttpError } from './http-error.js';

/** The request carries `secret` as its Bearer token or Basic password (false when no secret is set). */
export function presents(req: Request, secret: string | undefined): boolean {
  const header = req.headers.authorization ?? '';
  let presented: string | undefined;
  if (header.startsWith('Bearer ')) presented = header.slice(7);
  else if (header.startsWith('Basic ')) presented = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':');
  return secret !== undefined && presented !== undefined && secretsEqual(presented, secret);
}

export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (presents(req, adminToken)) return next();
    if (req.baseUrl.startsWith('/admin')) res.set('WWW-Authenticate', 'Basic realm="grader admin"');
    next(new HttpError(401, 'admin token required'));
  };
}
