// What buildApp is given besides its configuration: the Redis store and queue, live events, the
// challenge catalogue, the logger, and optionally a Docker probe and the built web app's folder.
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { GradeJobData } from '../core/grade-job.js';
import type { Store } from '../store/store.js';
import type { EventHub } from './event-hub.js';

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
