// Challenges by id for the server, loaded on first use and kept for a minute (authors add
// folders while the service runs; a broken folder breaks only its own challenge).
import { readdir, readFile } from 'node:fs/promises';
import type { Challenge } from '../core/load-challenge.js';
import type { SandboxConfig } from '../worker/config.js';
import { GraderFault } from '../worker/errors.js';
import { loadChallengeById } from '../worker/grader.js';

const TTL_MS = 60_000;
const MAX_SHOWN_FILE_BYTES = 64 * 1024;

export class ChallengeCatalog {
  private cache = new Map<string, { at: number; challenge: Promise<Challenge> }>();

  constructor(private readonly config: SandboxConfig) {}

  /** Ids of the challenge folders (each may still fail to load). */
  async ids(): Promise<string[]> {
    const entries = await readdir(this.config.GRADER_CHALLENGES_DIR, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  }

  /** The challenge, or null when there is no such id. Other load errors (a broken folder) throw. */
  async get(id: string): Promise<Challenge | null> {
    const hit = this.cache.get(id);
    if (!hit || Date.now() - hit.at > TTL_MS) this.cache.set(id, { at: Date.now(), challenge: loadChallengeById(this.config, id) });
    try {
      return await this.cache.get(id)!.challenge;
    } catch (error) {
      this.cache.delete(id);
      if (error instanceof GraderFault && !error.retryable && error.message.startsWith('unknown challenge')) return null;
      throw error;
    }
  }
}

/** What both roles see of a challenge: statement, starter, and the public cases' data. Never the reference or hidden data. */
export async function challengeView(challenge: Challenge): Promise<Record<string, unknown>> {
  const readRows = async (file: string): Promise<unknown[]> => (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  const publicCases = await Promise.all(challenge.cases.filter((c) => !c.hidden).map(async (c) => {
    const inputs: Record<string, unknown> = {};
    for (const input of challenge.spec.inputs) {
      const file = c.inputFiles[input.name];
      if (!file) continue;
      inputs[input.name] = input.kind !== 'file' ? await readRows(file) : (await readFile(file, 'utf8')).slice(0, MAX_SHOWN_FILE_BYTES);
    }
    return { name: c.name, description: c.spec.description, generated: c.spec.generator !== undefined, inputs, expected: c.expectedFile ? await readRows(c.expectedFile) : null };
  }));
  const { spec } = challenge;
  return {
    id: challenge.id,
    title: spec.title,
    difficulty: spec.difficulty,
    summary: spec.summary,
    entrypoint: spec.entrypoint,
    inputs: spec.inputs,
    output: spec.output,
    limits: spec.limits,
    timing: spec.timing,
    statement: challenge.statement,
    starter: challenge.starter,
    publicCases,
    hiddenCaseCount: challenge.cases.filter((c) => c.hidden).length,
  };
}
