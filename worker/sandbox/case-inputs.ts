// The payload a case's command carries into a sandbox: a tar of that case's input files only,
// and for a stream input its micro-batches one by one. Hand-written cases send their JSONL or
// file; generated cases send the trusted generator's cached Parquet folders or file. A stream's
// rows are split by `micro_batch` here, so each micro-batch is delivered only when it is due.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { STREAM_BATCH_COLUMN } from '../../core/challenge.js';
import type { Challenge, ChallengeCase } from '../../core/load-challenge.js';
import type { InputLayout } from '../../core/sandbox-command.js';
import type { GeneratedInputs } from './generated-inputs.js';
import { packTar } from './tar.js';

export interface MicroBatch {
  /** Position in the stream (0, 1, ...), in `micro_batch` order; the last one is the empty end. */
  index: number;
  format: 'jsonl' | 'parquet' | 'empty';
  payload: () => Promise<Buffer>;
}

export interface CasePayload {
  /** Where each non-stream input is inside `tar`. */
  layout: Record<string, InputLayout>;
  tar: Buffer;
  /** A stream case's micro-batches, in order, the empty one that ends the stream last. */
  batches: MicroBatch[];
}

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

/** Every file under `dir`, as tar entries under `prefix`. */
async function folderEntries(dir: string, prefix: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) entries.set(`${prefix}/${file}`, await readFile(path.join(dir, file)));
  return entries;
}

function endOfStream(index: number): MicroBatch {
  return { index, format: 'empty', payload: async () => Buffer.alloc(0) };
}

export class CaseInputs {
  constructor(private readonly generated: GeneratedInputs) {}

  async payload(challenge: Challenge, c: ChallengeCase): Promise<CasePayload> {
    return c.spec.generator ? this.generatedPayload(challenge, c) : this.handWrittenPayload(challenge, c);
  }

  private async handWrittenPayload(challenge: Challenge, c: ChallengeCase): Promise<CasePayload> {
    const files = new Map<string, Buffer>();
    const layout: Record<string, InputLayout> = {};
    let batches: MicroBatch[] = [];
    for (const input of challenge.spec.inputs) {
      const file = c.inputFiles[input.name]!;
      if (input.kind === 'stream') {
        batches = splitMicroBatches(await readFile(file, 'utf8'));
        continue;
      }
      const name = path.basename(file);
      files.set(name, await readFile(file));
      layout[input.name] = { format: input.kind === 'file' ? 'file' : 'jsonl', path: name };
    }
    return { layout, tar: await packTar(files), batches };
  }

  private async generatedPayload(challenge: Challenge, c: ChallengeCase): Promise<CasePayload> {
    const { dir } = await this.generated.get(challenge, c);
    const files = new Map<string, Buffer>();
    const layout: Record<string, InputLayout> = {};
    let batches: MicroBatch[] = [];
    for (const input of challenge.spec.inputs) {
      if (input.kind === 'file') {
        const name = `${input.name}.${input.extension}`;
        files.set(name, await readFile(path.join(dir, name)));
        layout[input.name] = { format: 'file', path: name };
      } else if (input.kind === 'stream') {
        const folder = path.join(dir, input.name);
        const numbers = (await readdir(folder))
          .filter((e) => e.startsWith(`${STREAM_BATCH_COLUMN}=`))
          .map((e) => Number(e.split('=')[1]))
          .filter((n) => Number.isInteger(n))
          .sort((a, b) => a - b);
        batches = numbers.map((n, index): MicroBatch => ({
          index,
          format: 'parquet',
          payload: async () => packTar(await folderEntries(path.join(folder, `${STREAM_BATCH_COLUMN}=${n}`), 'batch')),
        }));
        batches.push(endOfStream(numbers.length));
      } else {
        for (const [name, content] of await folderEntries(path.join(dir, input.name), input.name)) files.set(name, content);
        layout[input.name] = { format: 'parquet', path: input.name };
      }
    }
    return { layout, tar: await packTar(files), batches };
  }
}

/** A stream case file's rows grouped by `micro_batch` (in its order), each as its own JSONL, then the end. */
export function splitMicroBatches(text: string): MicroBatch[] {
  const groups = new Map<number, string[]>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as Record<string, unknown>;
    const batch = row[STREAM_BATCH_COLUMN];
    if (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 0) {
      throw new Error(`line ${i + 1}: every row of a stream input needs a whole ${STREAM_BATCH_COLUMN} >= 0`);
    }
    delete row[STREAM_BATCH_COLUMN];
    const rows = groups.get(batch) ?? [];
    rows.push(JSON.stringify(row));
    groups.set(batch, rows);
  });
  const ordered = [...groups.keys()].sort((a, b) => a - b);
  const batches = ordered.map((n, index): MicroBatch => ({
    index,
    format: 'jsonl',
    payload: () => packTar(new Map([['batch.jsonl', Buffer.from(`${groups.get(n)!.join('\n')}\n`)]])),
  }));
  batches.push(endOfStream(ordered.length));
  return batches;
}
