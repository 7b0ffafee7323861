// The built web app the browser tests load: web/dist, rebuilt only when a source is newer.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../../core/repo-root.js';

const WEB_DIR = path.join(REPO_ROOT, 'web');

/** Builds web/dist unless it is newer than every source file of the web app. */
export async function buildWebIfStale(): Promise<void> {
  const newest = async (dir: string): Promise<number> => {
    let latest = 0;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? await newest(full) : (await stat(full)).mtimeMs);
    }
    return latest;
  };
  const sources = Math.max(
    await newest(path.join(WEB_DIR, 'src')),
    (await stat(path.join(WEB_DIR, 'index.html'))).mtimeMs,
    (await stat(path.join(WEB_DIR, 'vite.config.ts'))).mtimeMs,
  );
  const built = await stat(path.join(WEB_DIR, 'dist', 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > sources) return;
  await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}
