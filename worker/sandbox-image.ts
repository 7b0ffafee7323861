// The sandbox image's identity: its tag is a hash of everything that goes into building it
// (sandbox-images/pyspark and the base image name), so an unchanged image is never rebuilt.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../core/repo-root.js';

export const SANDBOX_IMAGE_DIR = path.join(REPO_ROOT, 'sandbox-images', 'pyspark');
export const SANDBOX_IMAGE_REPOSITORY = 'grader-pyspark';

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const child = path.posix.join(rel, entry.name);
    if (entry.name === '__pycache__' || entry.name === 'wheelhouse') continue;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files.sort();
}

/** `grader-pyspark:<16 hex>` for the current image inputs and base image. */
export async function sandboxImageTag(baseImage: string): Promise<string> {
  const hash = createHash('sha256').update(`base=${baseImage}\0`);
  for (const file of await listFiles(SANDBOX_IMAGE_DIR)) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(SANDBOX_IMAGE_DIR, file)))
      .update('\0');
  }
  return `${SANDBOX_IMAGE_REPOSITORY}:${hash.digest('hex').slice(0, 16)}`;
}
