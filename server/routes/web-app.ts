// The built web app: hashed assets cached for good (the build's gzip copy to a browser that takes
// gzip: Ruff's wasm is 11 MB as it is, 4 MB gzipped), and its page for `/`, every interview link and
// its report (a 503 naming the build command when it is not built).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import { REPO_ROOT } from '../../core/repo-root.js';
import { HttpError } from '../http/http-error.js';
import type { RouteContext, Routes } from './route-context.js';

export function webAppRoutes({ app }: Routes, { deps }: RouteContext): void {
  const webDir = deps.webDir ?? path.join(REPO_ROOT, 'web', 'dist');
  const assetsDir = path.join(webDir, 'assets');
  app.use('/assets', (req, res, next) => {
    // Asset names are flat (`index-<hash>.js`): anything else is left to express.static's own checks.
    const name = req.path.slice(1);
    if (!/^[\w.-]+$/.test(name) || !/\bgzip\b/.test(req.get('accept-encoding') ?? '')) return next();
    const file = path.join(assetsDir, `${name}.gz`);
    stat(file).then(
      (s) => {
        if (!s.isFile()) return next();
        res.set({ 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding', 'Cache-Control': 'public, max-age=31536000, immutable' });
        res.type(path.extname(name));
        res.sendFile(file, (error) => {
          if (error) next(error);
        });
      },
      () => next(),
    );
  });
  app.use('/assets', express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  app.get(['/', '/i/:token', '/i/:token/report'], (_req, res, next) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(webDir, 'index.html'), (error) => {
      if (!error) return;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') next(new HttpError(503, 'the web app is not built: run `npm run build:web`'));
      else next(error);
    });
  });
}
