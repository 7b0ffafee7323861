// Wires the grader's dependencies from configuration: the Docker client, the sandbox image
// reference and the reference store. Shared by the CLI, the queue worker and the tests.
import Docker from 'dockerode';
import path from 'node:path';
import { ChallengeError, loadChallenge, type Challenge } from '../core/load-challenge.js';
import type { SandboxConfig } from './config.js';
import { GraderFault } from './errors.js';
import type { GraderDeps } from './grade-solution.js';
import { ReferenceStore } from './reference-store.js';
import { sandboxImageTag } from './sandbox-image.js';

export async function createGraderDeps(config: SandboxConfig, docker: Docker = new Docker()): Promise<GraderDeps> {
  const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
  return { docker, config, image, references: new ReferenceStore(docker, config, image) };
}

const CHALLENGE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Loads a challenge by id from the configured folder; an unknown id is a clear error. */
export async function loadChallengeById(config: SandboxConfig, id: string): Promise<Challenge> {
  if (!CHALLENGE_ID.test(id)) throw new GraderFault(`unknown challenge ${JSON.stringify(id)}`, { retryable: false });
  try {
    return await loadChallenge(path.join(config.GRADER_CHALLENGES_DIR, id));
  } catch (error) {
    if (error instanceof ChallengeError && error.message.includes('missing challenge.yaml')) {
      throw new GraderFault(`unknown challenge ${JSON.stringify(id)}`, { retryable: false, cause: error });
    }
    throw error;
  }
}
