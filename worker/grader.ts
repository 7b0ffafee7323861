// Wires the grader's dependencies from configuration: the Docker client, the sandbox image
// reference, the challenge catalogue and the reference store. Shared by the CLI, the queue
// worker, the check and the tests.
import Docker from 'dockerode';
import { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { Challenge } from '../core/load-challenge.js';
import type { SandboxConfig } from './config.js';
import { GraderFault } from './errors.js';
import type { GraderDeps } from './grade-solution.js';
import { ReferenceStore } from './reference-store.js';
import { sandboxImageTag } from './sandbox-image.js';

export async function createGraderDeps(config: SandboxConfig, docker: Docker = new Docker()): Promise<GraderDeps> {
  const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
  return { docker, config, image, challenges: new ChallengeCatalog(config.GRADER_CHALLENGES_DIR), references: new ReferenceStore(docker, config, image) };
}

/** The challenge to grade; an unknown id is a grader fault that retrying cannot fix. */
export async function requireChallenge(catalog: ChallengeCatalog, id: string): Promise<Challenge> {
  const challenge = await catalog.get(id);
  if (!challenge) throw new GraderFault(`unknown challenge ${JSON.stringify(id)}`, { retryable: false });
  return challenge;
}
