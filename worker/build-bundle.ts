// The job tar a sandbox receives: job.json, the candidate's solution.py, each selected case's
// input files and the generator scripts its cases name. Expected outputs are never put in.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pack } from 'tar-stream';
import type { Challenge, ChallengeCase } from '../core/load-challenge.js';
import { SandboxJobSchema, type SandboxCase, type SandboxJob } from '../core/sandbox-job.js';

export interface MetamorphicVariant {
  /** The case whose inputs it reuses. */
  of: string;
  /** Its own case name in the run. */
  name: string;
  seed: number;
  partitions: number;
}

export interface BundleOptions {
  maxStdoutBytes: number;
  /** Extra runs of hand-written cases with their input rows shuffled and re-partitioned; run last. */
  variants?: MetamorphicVariant[];
}

/** Refuses names that are not a plain relative path inside the bundle. */
function safeEntryName(name: string): string {
  const normalized = path.posix.normalize(name);
  if (normalized.startsWith('../') || normalized === '..' || path.posix.isAbsolute(normalized) || normalized.includes('\0')) {
    throw new Error(`bundle entry ${JSON.stringify(name)} escapes the bundle`);
  }
  return normalized;
}

export async function buildBundle(challenge: Challenge, cases: ChallengeCase[], solutionCode: string, options: BundleOptions): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  const sandboxCases: SandboxCase[] = [];
  for (const c of cases) {
    const entry: SandboxCase = { name: c.name, files: {} };
    if (c.spec.generator) {
      entry.generator = c.spec.generator;
      const script = safeEntryName(`challenge/${c.spec.generator.script}`);
      if (!files.has(script)) files.set(script, await readFile(path.join(challenge.dir, c.spec.generator.script)));
    }
    for (const [input, file] of Object.entries(c.inputFiles)) {
      const name = safeEntryName(`cases/${c.name}/${path.basename(file)}`);
      files.set(name, await readFile(file));
      entry.files[input] = name;
    }
    sandboxCases.push(entry);
  }
  for (const variant of options.variants ?? []) {
    const original = sandboxCases.find((c) => c.name === variant.of && !c.generator);
    if (!original) throw new Error(`metamorphic variant ${variant.name} needs hand-written case ${variant.of} in the bundle`);
    sandboxCases.push({ name: variant.name, files: original.files, shuffle: { seed: variant.seed, partitions: variant.partitions } });
  }
  const job: SandboxJob = SandboxJobSchema.parse({
    version: 1,
    solutionPath: 'solution.py',
    entrypoint: challenge.spec.entrypoint,
    inputs: challenge.spec.inputs,
    cases: sandboxCases,
    maxOutputRows: challenge.spec.limits.maxOutputRows,
    maxStdoutBytes: options.maxStdoutBytes,
  });
  files.set('job.json', Buffer.from(JSON.stringify(job)));
  files.set('solution.py', Buffer.from(solutionCode, 'utf8'));
  return packTar(files);
}

function packTar(files: Map<string, Buffer>): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<Buffer>((resolve, reject) => {
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  const dirs = new Set<string>();
  for (const name of files.keys()) {
    for (let dir = path.posix.dirname(name); dir !== '.'; dir = path.posix.dirname(dir)) dirs.add(dir);
  }
  for (const dir of [...dirs].sort()) tar.entry({ name: `${dir}/`, type: 'directory', mode: 0o755 });
  for (const [name, content] of files) tar.entry({ name, mode: 0o644 }, content);
  tar.finalize();
  return done;
}
