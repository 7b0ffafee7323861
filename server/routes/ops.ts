// Operations: liveness, readiness (Redis, and Docker as live workers or this server see it; the
// workers' pools only for the metrics token) and Prometheus metrics (the metrics token only).
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Readiness } from '../../core/views/ops-view.js';
import { HttpError } from '../http/http-error.js';
import { presents } from '../http/require-admin.js';
import { renderMetrics } from '../metrics.js';
import type { RouteContext, Routes } from './route-context.js';

export function opsRoutes({ app }: Routes, { config, deps }: RouteContext): void {
  const { store, queue, logger } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'grader_server_' });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (req, res) => {
    // A failed probe is the answer (`redis: false`, `docker: false`), polled often: not logged.
    const redisOk = await store.redis.ping().then(
      () => true,
      () => false,
    );
    let dockerOk = false;
    let workers = 0;
    const pool = { target: 0, ready: 0, warming: 0, inUse: 0, waiting: 0, handedOut: 0 };
    if (redisOk) {
      const live = await store.liveWorkers().catch((error: unknown) => {
        logger.warn({ err: error }, 'worker heartbeats unreadable; reporting no live worker');
        return new Map<string, never>();
      });
      const ours = [...live.values()].filter((w) => w.queue === config.GRADER_QUEUE_NAME);
      workers = ours.length;
      dockerOk = ours.some((w) => w.dockerOk);
      for (const w of ours)
        for (const k of ['target', 'ready', 'warming', 'inUse', 'waiting', 'handedOut'] as const) pool[k] += w.pool?.[k] ?? 0;
    }
    if (deps.pingDocker)
      dockerOk = await deps.pingDocker().then(
        () => true,
        () => false,
      );
    const ready = redisOk && dockerOk;
    // Anyone may ask whether the service is up; how many workers and sandboxes it has is for the metrics token.
    const details = presents(req, config.GRADER_METRICS_TOKEN) ? { workers, pool } : {};
    res.status(ready ? 200 : 503).json({ ready, redis: redisOk, docker: dockerOk, ...details } satisfies Readiness);
  });
  app.get('/metrics', async (req, res) => {
    if (!config.GRADER_METRICS_TOKEN)
      throw new HttpError(404, 'metrics are off: set GRADER_METRICS_TOKEN and scrape /metrics with it as a bearer token');
    if (!presents(req, config.GRADER_METRICS_TOKEN))
      throw new HttpError(401, 'metrics token required (GRADER_METRICS_TOKEN, as a bearer token)');
    res.type(registry.contentType).send(await renderMetrics(store, queue, registry));
  });
}
