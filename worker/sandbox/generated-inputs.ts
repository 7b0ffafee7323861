// Inputs of generated cases, made by the trusted side: the challenge's generator runs once per
// content hash (script, seed, parameters, input schemas, sandbox image) in a sandbox of its own
// where no candidate code ever runs, and its files are cached on disk. Grading then delivers
// them to a candidate's sandbox only when that case's clock starts: the generator script and
// seed never enter a candidate's container.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Challenge, ChallengeCase } from '../../core/load-challenge.js';
import { FingerprintEntrySchema, type FingerprintEntry } from '../../core/run-report.js';
import { GraderFault } from '../errors.js';
import type { Outcome } from './protocol-machine.js';
import type { Sandbox } from './sandbox.js';
import { packTar, safeEntryName } from './tar.js';

const ManifestSchema = z.object({
  key: z.string(),
  challengeId: z.string(),
  caseName: z.string(),
  createdAt: z.string(),
  fingerprint: z.array(FingerprintEntrySchema),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative() })),
});
export type GeneratedManifest = z.infer<typeof ManifestSchema>;

export interface GeneratedCase {
  /** Folder holding the generated files (`<input>/` Parquet folders, `<input>.<ext>` files). */
  dir: string;
  manifest: GeneratedManifest;
}

export interface GeneratedInputsDeps {
  cacheDir: string;
  /** The sandbox image's id (a rebuilt image generates afresh). */
  imageId: () => Promise<string>;
  /** A fresh sandbox for one generation; destroyed afterwards. */
  acquire: () => Promise<Sandbox>;
  /** Limit for one generation, in milliseconds. */
  limitMs: number;
  /** Most bytes of generated files, in bytes. */
  maxBytes: number;
}

let generation = 0;

export class GeneratedInputs {
  private inFlight = new Map<string, Promise<GeneratedCase>>();

  constructor(private readonly deps: GeneratedInputsDeps) {}

  /** The generated files of `c`, generating them once if the cache has none. */
  async get(challenge: Challenge, c: ChallengeCase): Promise<GeneratedCase> {
    const key = await this.keyFor(challenge, c);
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const pending = this.loadOrGenerate(challenge, c, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
  }

  /**
   * Generates `c` once more with its seed, in a sandbox of its own, and returns only the
   * fingerprint: equal to the cached one exactly when the generator is reproducible (the check).
   */
  async fingerprintAgain(challenge: Challenge, c: ChallengeCase): Promise<FingerprintEntry[]> {
    const outcome = await this.run(challenge, c, true);
    return outcome.frame.fingerprint;
  }

  private async keyFor(challenge: Challenge, c: ChallengeCase): Promise<string> {
    const generator = c.spec.generator;
    if (!generator) throw new Error(`case ${c.name} of ${challenge.id} is not generated`);
    const script = await readFile(path.join(challenge.dir, generator.script));
    return createHash('sha256')
      .update(
        JSON.stringify({
          script: createHash('sha256').update(script).digest('hex'),
          seed: generator.seed,
          params: generator.params,
          inputs: challenge.spec.inputs,
          image: await this.deps.imageId(),
        }),
      )
      .digest('hex')
      .slice(0, 24);
  }

  private folderFor(challenge: Challenge, key: string): string {
    return path.join(this.deps.cacheDir, 'generated', challenge.id, key);
  }

  private async loadOrGenerate(challenge: Challenge, c: ChallengeCase, key: string): Promise<GeneratedCase> {
    const dir = this.folderFor(challenge, key);
    try {
      return { dir, manifest: ManifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))) };
    } catch {
      // absent or unreadable: generate afresh
    }
    return this.generate(challenge, c, key);
  }

  private async run(challenge: Challenge, c: ChallengeCase, fingerprintOnly: boolean): Promise<Extract<Outcome, { type: 'generated' }>> {
    const generator = c.spec.generator!;
    const payload = await packTar(new Map([[generator.script, await readFile(path.join(challenge.dir, generator.script))]]));
    const id = `g${++generation}`;
    const sandbox = await this.deps.acquire();
    let outcome;
    try {
      outcome = await sandbox.run(
        { kind: 'generate', id, limitMs: this.deps.limitMs, maxBytes: this.deps.maxBytes },
        {
          type: 'generate',
          id,
          script: generator.script,
          seed: generator.seed,
          params: generator.params,
          inputs: challenge.spec.inputs,
          fingerprintOnly,
          payloadBytes: payload.length,
        },
        payload,
      );
    } finally {
      await sandbox
        .destroy()
        .catch((error: unknown) =>
          console.error(
            `generator sandbox ${sandbox.id.slice(0, 12)}: removal failed (the reaper will retry): ${(error as Error).message}`,
          ),
        );
    }
    if (outcome.type !== 'generated') {
      const detail = outcome.type === 'stopped' ? outcome.stop.detail : outcome.type;
      throw new GraderFault(
        `the generator of case ${c.name} of ${challenge.id} failed: ${detail}${sandbox.stderr() ? `\nsandbox stderr (tail):\n${sandbox.stderr().slice(-2000)}` : ''}`,
        { retryable: false },
      );
    }
    return outcome;
  }

  private async generate(challenge: Challenge, c: ChallengeCase, key: string): Promise<GeneratedCase> {
    const outcome = await this.run(challenge, c, false);
    const manifest: GeneratedManifest = {
      key,
      challengeId: challenge.id,
      caseName: c.name,
      createdAt: new Date().toISOString(),
      fingerprint: outcome.frame.fingerprint,
      files: outcome.frame.files,
    };
    const dir = this.folderFor(challenge, key);
    const temporary = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await mkdir(temporary, { recursive: true });
    for (const [file, pieces] of outcome.files) {
      const target = path.join(temporary, safeEntryName(file));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, Buffer.concat(pieces));
    }
    await writeFile(path.join(temporary, 'manifest.json'), JSON.stringify(manifest));
    // Atomic: a concurrent generation of the same key wins or loses whole, never half a folder.
    await rename(temporary, dir).catch(async (error: unknown) => {
      await rm(temporary, { recursive: true, force: true });
      if ((error as { code?: string }).code !== 'ENOTEMPTY' && (error as { code?: string }).code !== 'EEXIST') throw error;
    });
    return { dir, manifest };
  }
}
