// The built web app: hashed assets cached for good, and its page for `/`, every interview link and its report
// (a 503 naming the build command when it is not built).
import path from 'node:path';
import express from 'express';
import { REPO_ROOT } from '../../core/repo-root.js';
import { HttpError } from '../http/http-error.js';
import type { RouteContext, Routes } from './route-context.js';

export function webAppRoutes({ app }: Routes, { deps }: RouteContext): void {
  const webDir = deps.webDir ?? path.join(REPO_ROOT, 'web', 'dist');
  app.use('/assets', express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  app.get(['/', '/i/:token', '/i/:token/report'], (_req, res, next) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(webDir, 'index.html'), (error) => {
      if (!error) return;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') next(new HttpError(503, 'the web app is not built: run `npm run build:web`'));
      else next(error);
    });
  });
}
