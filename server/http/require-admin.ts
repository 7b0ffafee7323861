// The admin gate: the admin token as a Bearer token, or as the password of Basic auth (what a
// browser offers for bull-board's pages), compared in constant time.
import type { RequestHandler } from 'express';
import { secretsEqual } from '../../core/tokens.js';
import { HttpError } from './http-error.js';

export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    let presented: string | undefined;
    if (header.startsWith('Bearer ')) presented = header.slice(7);
    else if (header.startsWith('Basic ')) presented = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':');
    if (adminToken && presented !== undefined && secretsEqual(presented, adminToken)) return next();
    if (req.baseUrl.startsWith('/admin')) res.set('WWW-Authenticate', 'Basic realm="grader admin"');
    next(new HttpError(401, 'admin token required'));
  };
}
