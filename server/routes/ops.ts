// Operations: liveness, readiness (Redis, and Docker as live workers or this server see it) and
// Prometheus metrics.
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Readiness } from '../../core/views/ops-view.js';
import { renderMetrics } from '../metrics.js';
import type { RouteContext, Routes } from './route-context.js';

export function opsRoutes({ app }: Routes, { config, deps }: RouteContext): void {
  const { store, queue, logger } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'grader_server_' });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
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
    res.status(ready ? 200 : 503).json({ ready, redis: redisOk, docker: dockerOk, workers, pool } satisfies Readiness);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await renderMetrics(store, queue, registry));
  });
}
