// Challenges by id from one folder, for every process (server, worker, CLI, check). One caching
// rule: a loaded challenge is reused while none of its files changed (paths, sizes and
// modification times, looked at again at most once a second), so a process never shows an
// edited statement while grading with the old cases. A broken folder breaks only its own id.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ChallengeError, loadChallenge, type Challenge } from './load-challenge.js';

/** How long a folder's fingerprint is trusted before its files are looked at again, in milliseconds. */
const REVALIDATE_MS = 1_000;
const CHALLENGE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Every file's path, size and mtime under `dir`: changes whenever any file of it does. */
async function folderFingerprint(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === '__pycache__') continue;
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const s = await stat(path.join(dir, child));
        parts.push(`${child}\0${s.size}\0${s.mtimeMs}`);
      }
    }
  };
  await walk('');
  return parts.join('\n');
}

interface Entry {
  fingerprint: string;
  checkedAt: number;
  challenge: Promise<Challenge>;
}

export class ChallengeCatalog {
  private entries = new Map<string, Entry>();

  constructor(readonly root: string) {}

  /** Ids of the challenge folders (each may still fail to load). */
  async ids(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  }

  /** The challenge, or null when there is no such id. A broken folder throws its ChallengeError. */
  async get(id: string): Promise<Challenge | null> {
    if (!CHALLENGE_ID.test(id)) return null;
    const dir = path.join(this.root, id);
    const cached = this.entries.get(id);
    if (cached && Date.now() - cached.checkedAt < REVALIDATE_MS) return cached.challenge;
    let fingerprint: string;
    try {
      if (
        !(await stat(path.join(dir, 'challenge.yaml')).then(
          (s) => s.isFile(),
          () => false,
        ))
      ) {
        this.entries.delete(id);
        return null;
      }
      fingerprint = await folderFingerprint(dir);
    } catch (error) {
      // The folder changed while it was read (an editor's save): load it afresh next time.
      this.entries.delete(id);
      throw new ChallengeError(`could not read the challenge folder: ${(error as Error).message}`, dir, undefined, { cause: error });
    }
    if (cached && cached.fingerprint === fingerprint) {
      cached.checkedAt = Date.now();
      return cached.challenge;
    }
    const entry: Entry = { fingerprint, checkedAt: Date.now(), challenge: loadChallenge(dir) };
    this.entries.set(id, entry);
    entry.challenge.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return entry.challenge;
  }
}
