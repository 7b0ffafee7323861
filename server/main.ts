// `npm run start:server`: the API. Fails fast on bad configuration; SIGTERM stops accepting,
// ends event streams, finishes in-flight requests, then closes Redis.
import type { Server } from 'node:http';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { GradeJobData } from '../core/grade-job.js';
import { connectRedis, ensurePersistence } from '../store/redis.js';
import { Store } from '../store/store.js';
import { buildApp } from './app.js';
import { parseServerConfig, publicUrl, requireAdminToken } from './config.js';
import { EventHub } from './event-hub.js';

const config = parseServerConfig();
requireAdminToken(config);
const logger = pino({
  level: config.GRADER_LOG_LEVEL,
  base: { service: 'grader-server' },
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', '*.code', '*.token', '*.candidateToken', '*.interviewerToken'],
    censor: '[redacted]',
  },
});
const redis = connectRedis(config.GRADER_REDIS_URL, 'grader-server');
const subscriber = connectRedis(config.GRADER_REDIS_URL, 'grader-server-events');
await ensurePersistence(redis, logger);
const queue = new Queue<GradeJobData>(config.GRADER_QUEUE_NAME, { connection: redis });
const store = new Store(redis, config.GRADER_KEY_PREFIX);
// Before the first request: interviews stored with one challenge read their draft where it now lives.
const migrated = await store.migrateSingleChallengeDrafts();
if (migrated > 0) logger.info({ interviews: migrated }, 'drafts of single-challenge interviews moved to their challenge');
const { app, close: closeApp } = buildApp(config, {
  store,
  queue,
  hub: new EventHub(subscriber, logger),
  challenges: new ChallengeCatalog(config.GRADER_CHALLENGES_DIR),
  logger,
});

const server: Server = app.listen(config.GRADER_PORT, config.GRADER_HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.GRADER_PORT;
  logger.info({ url: publicUrl({ ...config, GRADER_PORT: port }) }, 'listening');
});

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  closeApp();
  const force = setTimeout(() => {
    server.closeAllConnections();
  }, 10_000).unref();
  server.close(() => {
    clearTimeout(force);
    void Promise.allSettled([queue.close(), redis.quit(), subscriber.quit()]).finally(() => process.exit(0));
  });
  server.closeIdleConnections();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
