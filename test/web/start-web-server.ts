// The real app for the browser tests, like scripts/local-service.ts's startServer but on a port
// chosen up front, so the links the server hands out (GRADER_PUBLIC_URL) point at itself.
import type { Server } from 'node:http';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { ChallengeCatalog } from '../../core/challenge-catalog.js';
import { buildApp } from '../../server/app.js';
import { parseServerConfig } from '../../server/config.js';
import { EventHub } from '../../server/event-hub.js';
import { connectRedis } from '../../store/redis.js';
import type { GradeJobData } from '../../core/grade-job.js';
import { Store } from '../../store/store.js';
import { freePort } from '../../scripts/local-service.js';

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(env: Record<string, string>): Promise<WebServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = parseServerConfig({ ...process.env, ...env, GRADER_PORT: String(port), GRADER_HOST: '127.0.0.1', GRADER_PUBLIC_URL: url });
  const logger = pino({ level: 'warn' });
  const redis = connectRedis(config.GRADER_REDIS_URL, 'test-web-server');
  const subscriber = connectRedis(config.GRADER_REDIS_URL, 'test-web-server-events');
  const queue = new Queue<GradeJobData>(config.GRADER_QUEUE_NAME, { connection: redis });
  const { app, close: closeApp } = buildApp(config, {
    store: new Store(redis, config.GRADER_KEY_PREFIX),
    queue,
    hub: new EventHub(subscriber, logger),
    challenges: new ChallengeCatalog(config.GRADER_CHALLENGES_DIR),
    logger,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    url,
    async close() {
      closeApp();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await queue.close().catch(() => undefined);
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
