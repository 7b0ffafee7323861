// Security headers (helmet) by path: a strict policy for the API, a same-origin CSP for the web
// app's pages and assets, and bull-board's own under /admin/queues (scripts from this origin only,
// as the app's; inline styles, which its UI sets). Every API answer (tokens, code, verdicts) is
// `Cache-Control: no-store`, so no browser or proxy keeps a copy.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// The web app's policy: everything from this origin only. Monaco's editor worker is a same-origin
// module file; Monaco injects <style> elements at run time and has no nonce support, hence
// style-src 'unsafe-inline' (styles only: scripts stay 'self'). 'wasm-unsafe-eval' lets the
// candidate editor compile Ruff's WebAssembly (a same-origin file); it allows no JavaScript eval.
const WEB_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  workerSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// bull-board's UI: its bundles from its base path, inline style attributes, a <base href> of its
// own path. Its web font (from a third-party host) is left to the fallback fonts.
const BOARD_CSP = { ...WEB_CSP, scriptSrc: ["'self'"], baseUri: ["'self'"] };

export function securityHeaders(): RequestHandler {
  const strictHelmet = helmet();
  const boardHelmet = helmet({ contentSecurityPolicy: { useDefaults: false, directives: BOARD_CSP } });
  const webHelmet = helmet({ contentSecurityPolicy: { useDefaults: false, directives: WEB_CSP } });
  const isWebPath = (p: string): boolean => p === '/' || p.startsWith('/i/') || p.startsWith('/assets/');
  return (req, res, next) => {
    if (/^\/api(\/|$)/i.test(req.path)) res.set('Cache-Control', 'no-store');
    (req.path.startsWith('/admin/queues') ? boardHelmet : isWebPath(req.path) ? webHelmet : strictHelmet)(req, res, next);
  };
}
