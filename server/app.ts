// Builds the express app (no listening): security headers, body limits, request logging, the
// admin, interview and live-event routes, ops endpoints, the built web app and the one error middleware.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import type { ChallengeCatalog } from '../core/challenge-catalog.js';
import { DraftEventSchema } from '../core/draft.js';
import type { GradeJobData } from '../core/grade-job.js';
import type { Interview, Role } from '../core/interview.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { ScorecardSchema } from '../core/scorecard.js';
import { LiveEventSchema, SubmissionKindSchema, type SubmissionRecord } from '../core/submission.js';
import { TOKEN_PATTERN, hashToken, secretsEqual } from '../core/tokens.js';
import { enqueueGrade } from '../store/enqueue.js';
import type { Store } from '../store/store.js';
import { challengeView } from './challenge-view.js';
import { publicUrl, type ServerConfig } from './config.js';
import type { EventHub } from './event-hub.js';
import { renderMetrics } from './metrics.js';
import { HttpError, notFound } from './http-error.js';
import { SseRegistry } from './sse.js';
import { validate } from './validate.js';
import { submissionSummary, submissionView } from './visibility.js';

export interface AppDeps {
  store: Store;
  queue: Queue<GradeJobData>;
  hub: EventHub;
  challenges: ChallengeCatalog;
  logger: Logger;
  /** Docker reachability as the server sees it; absent when the server has no Docker socket (then workers' heartbeats tell). */
  pingDocker?: () => Promise<unknown>;
  /** Folder of the built web app (`npm run build:web`); default web/dist. */
  webDir?: string;
}

export interface App {
  app: express.Express;
  /** Ends every open event stream (graceful shutdown). */
  closeStreams(): void;
}

const CreateInterviewSchema = z.strictObject({
  challengeId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a challenge id').max(100),
  candidateName: z.string().trim().min(1).max(200),
});
const SubmitSchema = z.strictObject({ kind: SubmissionKindSchema, code: z.string() });
const DraftSchema = z.strictObject({ code: z.string(), events: z.array(DraftEventSchema).max(1000).default([]) });
const SubmissionIdSchema = z.uuid();
const ListInterviewsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

// The web app's policy: everything from this origin only. Monaco's editor worker is a same-origin
// module file; Monaco injects <style> elements at run time and has no nonce support, hence
// style-src 'unsafe-inline' (styles only: scripts stay 'self').
const WEB_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
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

interface Access { interview: Interview; role: Role; tokenHash: string }
type TokenRequest = Request<{ token: string; id?: string }>;

const access = (res: Response): Access => res.locals.access as Access;

/** Replaces the secret part of `/i/<token>` paths, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/i\/[^/?#]+/g, '/i/[token]');
}

export function buildApp(config: ServerConfig, deps: AppDeps): App {
  const { store, queue, hub, challenges, logger } = deps;
  const app = express();
  const sse = new SseRegistry();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'grader_server_' });
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use(pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Never log code (bodies are not logged at all) or tokens (paths, headers).
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
  }));

  const strictHelmet = helmet();
  // bull-board's UI uses inline scripts and styles: only its pages get a relaxed policy.
  const boardHelmet = helmet({ contentSecurityPolicy: false });
  const webHelmet = helmet({ contentSecurityPolicy: { useDefaults: false, directives: WEB_CSP } });
  const isWebPath = (p: string): boolean => p === '/' || p.startsWith('/i/') || p.startsWith('/assets/');
  app.use((req, res, next) => (req.path.startsWith('/admin/queues') ? boardHelmet : isWebPath(req.path) ? webHelmet : strictHelmet)(req, res, next));

  app.use(express.json({ limit: config.GRADER_BODY_LIMIT_BYTES, strict: true, type: 'application/json' }));

  // ---- ops
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.get('/readyz', async (_req, res) => {
    // A failed probe is the answer (`redis: false`, `docker: false`), polled often: not logged.
    const redisOk = await store.redis.ping().then(() => true, () => false);
    let dockerOk = false;
    let workers = 0;
    if (redisOk) {
      const live = await store.liveWorkers().catch((error: unknown) => {
        logger.warn({ err: error }, 'worker heartbeats unreadable; reporting no live worker');
        return new Map<string, never>();
      });
      workers = [...live.values()].filter((w) => w.queue === config.GRADER_QUEUE_NAME).length;
      dockerOk = [...live.values()].some((w) => w.dockerOk && w.queue === config.GRADER_QUEUE_NAME);
    }
    if (deps.pingDocker) dockerOk = await deps.pingDocker().then(() => true, () => false);
    const ready = redisOk && dockerOk;
    res.status(ready ? 200 : 503).json({ ready, redis: redisOk, docker: dockerOk, workers });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await renderMetrics(store, queue, registry));
  });

  // ---- admin
  const adminToken = config.GRADER_ADMIN_TOKEN;
  const adminLimiter = limiter(config.GRADER_REQUESTS_PER_MINUTE, (req) => `admin:${req.socket.remoteAddress ?? ''}`);
  const requireAdmin: RequestHandler = (req, res, next) => {
    const header = req.headers.authorization ?? '';
    let presented: string | undefined;
    if (header.startsWith('Bearer ')) presented = header.slice(7);
    else if (header.startsWith('Basic ')) presented = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':');
    if (adminToken && presented !== undefined && secretsEqual(presented, adminToken)) return next();
    if (req.baseUrl.startsWith('/admin')) res.set('WWW-Authenticate', 'Basic realm="grader admin"');
    next(new HttpError(401, 'admin token required'));
  };

  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(queue, { readOnlyMode: false })], serverAdapter: board });
  app.use('/admin/queues', adminLimiter, requireAdmin, board.getRouter() as RequestHandler);

  app.get('/api/challenges', adminLimiter, requireAdmin, async (_req, res) => {
    const listed = await Promise.all((await challenges.ids()).map(async (id) => {
      try {
        const challenge = await challenges.get(id);
        if (!challenge) return [];
        const { spec } = challenge;
        return [{ id, title: spec.title, difficulty: spec.difficulty, summary: spec.summary }];
      } catch (error) {
        logger.warn({ err: error, challengeId: id }, 'challenge does not load; left out of the list');
        return [];
      }
    }));
    res.json({ challenges: listed.flat() });
  });

  app.get('/api/interviews', adminLimiter, requireAdmin, async (req, res) => {
    const { limit } = validate(ListInterviewsQuerySchema, req.query, 'query');
    const interviews = await Promise.all((await store.listInterviews(limit)).map(async (interview) => {
      const submissions = await store.listSubmissions(interview.id);
      const latestSubmit = submissions.filter((s) => s.kind === 'submit').at(-1);
      return {
        interview,
        submissionCount: submissions.length,
        latest: submissions.length > 0 ? submissionSummary(submissions.at(-1)!) : null,
        latestSubmit: latestSubmit ? submissionSummary(latestSubmit) : null,
      };
    }));
    res.json({ interviews });
  });

  app.post('/api/interviews', adminLimiter, requireAdmin, async (req, res) => {
    const input = validate(CreateInterviewSchema, req.body, 'interview');
    if (!(await challenges.get(input.challengeId))) throw new HttpError(400, `unknown challenge ${JSON.stringify(input.challengeId)}`);
    const { interview, candidateToken, interviewerToken } = await store.createInterview(input);
    const base = publicUrl(config);
    res.status(201).json({
      interview,
      candidateToken, interviewerToken,
      candidateUrl: `${base}/i/${candidateToken}`,
      interviewerUrl: `${base}/i/${interviewerToken}`,
    });
  });

  // ---- interview (token) routes: every unknown/wrong token or foreign id is the same 404.
  const byToken = express.Router({ mergeParams: true });
  const resolve: RequestHandler = async (req, res, next) => {
    const { token } = (req as TokenRequest).params;
    if (!TOKEN_PATTERN.test(token)) throw notFound();
    const found = await store.resolveToken(token);
    if (!found) throw notFound();
    res.locals.access = { ...found, tokenHash: hashToken(token) } satisfies Access;
    next();
  };
  byToken.use(resolve, limiter(config.GRADER_REQUESTS_PER_MINUTE, (_req, res) => `req:${access(res).tokenHash}`));
  const submitLimiter = limiter(config.GRADER_SUBMISSIONS_PER_MINUTE, (_req, res) => `submit:${access(res).tokenHash}`);

  const loadChallenge = async (interview: Interview) => {
    const challenge = await challenges.get(interview.challengeId);
    if (!challenge) throw new Error(`challenge ${interview.challengeId} of interview ${interview.id} is gone`);
    return challenge;
  };
  const ownSubmission = async (req: TokenRequest, res: Response): Promise<SubmissionRecord> => {
    const parsed = SubmissionIdSchema.safeParse(req.params.id);
    if (!parsed.success) throw notFound();
    const record = await store.getSubmission(parsed.data);
    if (!record || record.interviewId !== access(res).interview.id) throw notFound();
    return record;
  };

  byToken.get('/', async (_req, res) => {
    const { interview, role } = access(res);
    const challenge = await loadChallenge(interview);
    const submissions = await store.listSubmissions(interview.id);
    res.json({
      role,
      interview,
      challenge: await challengeView(challenge),
      ...(role === 'interviewer' ? { hiddenCases: challenge.cases.filter((c) => c.hidden).map((c) => ({ name: c.name, description: c.spec.description })) } : {}),
      submissions: submissions.map(submissionSummary),
    });
  });

  byToken.get('/submissions', async (_req, res) => {
    const { interview, role } = access(res);
    res.json({ submissions: (await store.listSubmissions(interview.id)).map((s) => submissionView(s, role)) });
  });

  byToken.post('/submissions', submitLimiter, async (req, res) => {
    const { interview, role } = access(res);
    if (role !== 'candidate') throw new HttpError(403, 'only the candidate link submits');
    const input = validate(SubmitSchema, req.body, 'submission');
    const bytes = Buffer.byteLength(input.code, 'utf8');
    if (bytes > config.GRADER_MAX_CODE_BYTES) throw new HttpError(413, `code is ${bytes} bytes; the limit is ${config.GRADER_MAX_CODE_BYTES} bytes (GRADER_MAX_CODE_BYTES)`);
    const record = await store.acceptSubmission({ interviewId: interview.id, challengeId: interview.challengeId, kind: input.kind, code: input.code });
    // The record is durable now; if this add is lost (crash, Redis blip) the workers' sweep enqueues it.
    await enqueueGrade(queue, config, record).catch((error: unknown) => {
      req.log.error({ err: error, submissionId: record.id }, 'enqueue failed; the sweep will enqueue it');
    });
    res.status(202).location(`${req.baseUrl}/submissions/${record.id}`).json({ id: record.id, status: record.status });
  });

  byToken.get('/submissions/:id', async (req, res) => {
    const record = await ownSubmission(req as TokenRequest, res);
    res.json(submissionView(record, access(res).role));
  });

  byToken.get('/submissions/:id/events', async (req, res) => {
    const record = await ownSubmission(req as TokenRequest, res);
    const { role } = access(res);
    let unsubscribe = (): void => undefined;
    const stream = sse.open(req, res, () => unsubscribe());
    const sendState = async (): Promise<void> => {
      const current = await store.getSubmission(record.id);
      if (!current || stream.closed) return;
      stream.send('submission', submissionView(current, role));
      if (current.status === 'graded' || current.status === 'system_error') stream.end();
    };
    unsubscribe = await hub.subscribe(store.submissionChannel(record.id), (message) => {
      const event = LiveEventSchema.safeParse(JSON.parse(message));
      if (!event.success) return;
      if (event.data.type === 'progress') stream.send('progress', event.data);
      else sendState().catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
    });
    if (stream.closed) unsubscribe();
    await sendState(); // the snapshot: a late client still gets the state (and the end, if finished)
  });

  byToken.get('/events', async (req, res) => {
    const { interview, role } = access(res);
    let unsubscribe = (): void => undefined;
    const stream = sse.open(req, res, () => unsubscribe());
    unsubscribe = await hub.subscribe(store.interviewChannel(interview.id), (message) => {
      const event = LiveEventSchema.safeParse(JSON.parse(message));
      if (!event.success) return;
      if (event.data.type === 'progress') return stream.send('progress', event.data);
      store.getSubmission(event.data.submissionId).then((record) => {
        if (record) stream.send('submission', submissionView(record, role));
      }).catch((error: unknown) => req.log.error({ err: error }, 'event stream read failed'));
    });
    if (stream.closed) unsubscribe();
    stream.send('snapshot', { interview, submissions: (await store.listSubmissions(interview.id)).map((s) => submissionView(s, role)) });
  });

  byToken.get('/draft', async (_req, res) => {
    const draft = await store.getDraft(access(res).interview.id);
    res.json(draft ?? { code: null, updatedAtMs: null });
  });
  byToken.put('/draft', async (req, res) => {
    const { interview, role } = access(res);
    if (role !== 'candidate') throw new HttpError(403, 'only the candidate link edits the draft');
    const input = validate(DraftSchema, req.body, 'draft');
    const bytes = Buffer.byteLength(input.code, 'utf8');
    if (bytes > config.GRADER_MAX_CODE_BYTES) throw new HttpError(413, `code is ${bytes} bytes; the limit is ${config.GRADER_MAX_CODE_BYTES} bytes (GRADER_MAX_CODE_BYTES)`);
    res.json(await store.putDraft(interview.id, input.code, input.events, config.GRADER_MAX_DRAFT_EVENTS));
  });
  byToken.get('/draft/events', async (_req, res) => {
    const { interview, role } = access(res);
    if (role !== 'interviewer') throw notFound();
    res.json({ events: await store.getDraftEvents(interview.id) });
  });

  byToken.get('/scorecard', async (_req, res) => {
    const { interview, role } = access(res);
    if (role !== 'interviewer') throw notFound();
    res.json(await store.getScorecard(interview.id) ?? { scorecard: null, updatedAtMs: null });
  });
  byToken.put('/scorecard', async (req, res) => {
    const { interview, role } = access(res);
    if (role !== 'interviewer') throw notFound();
    res.json(await store.putScorecard(interview.id, validate(ScorecardSchema, req.body, 'scorecard')));
  });

  app.use('/api/i/:token', byToken);

  // ---- the web app: hashed assets cached for good, pages for `/` and every interview link.
  const webDir = deps.webDir ?? path.join(REPO_ROOT, 'web', 'dist');
  app.use('/assets', express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  app.get(['/', '/i/:token'], (_req, res, next) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(webDir, 'index.html'), (error) => {
      if (!error) return;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') next(new HttpError(503, 'the web app is not built: run `npm run build:web`'));
      else next(error);
    });
  });

  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler(config, logger));
  return { app, closeStreams: () => sse.endAll() };
}

function limiter(limit: number, key: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, _res, next) => next(new HttpError(429, `too many requests: at most ${limit} per minute`)),
  });
}

interface BodyParserError { type?: string; status?: number; expose?: boolean; message: string }

function errorHandler(config: ServerConfig, logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let message = 'internal error';
    const parserError = error as BodyParserError;
    if (error instanceof HttpError) {
      status = error.status;
      message = error.message;
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
      if (!res.headersSent) res.status(500).json({ error: 'internal error', errorId });
      else res.end();
      return;
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: message });
  };
}
