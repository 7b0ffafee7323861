// `npm run start:worker`: one grading worker process. SIGTERM/SIGINT drain running grades
// within GRADER_SHUTDOWN_TIMEOUT_MS, then exit.
import { pino } from 'pino';
import { parseWorkerConfig } from './config.js';
import { startWorker } from './start-worker.js';

const config = parseWorkerConfig();
const logger = pino({ level: config.GRADER_LOG_LEVEL, base: { service: 'grader-worker' } });
const handle = await startWorker(config, logger);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: draining running grades');
  handle.close().then(
    (outcome) => {
      logger.info({ outcome }, 'stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
