// Packs files into a tar in memory: every payload that goes into a sandbox (a case's inputs, one
// micro-batch, a generator script). Names must be plain relative paths; folders are added.
import path from 'node:path';
import { pack } from 'tar-stream';

/** Refuses names that are not a plain relative path inside the archive. */
export function safeEntryName(name: string): string {
  const normalized = path.posix.normalize(name);
  if (normalized.startsWith('../') || normalized === '..' || path.posix.isAbsolute(normalized) || normalized.includes('\0')) {
    throw new Error(`archive entry ${JSON.stringify(name)} escapes its folder`);
  }
  return normalized;
}

export function packTar(files: Map<string, Buffer>): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<Buffer>((resolve, reject) => {
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  const names = [...files.keys()].map(safeEntryName);
  const dirs = new Set<string>();
  for (const name of names) {
    for (let dir = path.posix.dirname(name); dir !== '.'; dir = path.posix.dirname(dir)) dirs.add(dir);
  }
  for (const dir of [...dirs].sort()) tar.entry({ name: `${dir}/`, type: 'directory', mode: 0o755 });
  for (const [name, content] of files) tar.entry({ name: safeEntryName(name), mode: 0o644 }, content);
  tar.finalize();
  return done;
}
