// The guard of one sandbox owner (see owner-guard.ts), run as its own process:
// `node --import tsx guard-process.ts <owner-id>`. Exits once its owner is gone and cleaned up.
import Docker from 'dockerode';
import { reapExpired, reapOrphans, removeOwnSandboxes } from './reaper.js';

/** How often expired sandboxes (any owner) are looked for, in milliseconds. */
const EXPIRED_SCAN_MS = 5_000;

const owner = process.argv[2];
if (!owner) {
  console.error('usage: guard-process.ts <owner-id>');
  process.exit(2);
}
const docker = new Docker();
const log = (message: string): void => console.error(`sandbox guard of ${owner}: ${message}`);

// Once at start: sandboxes of processes of this host that died with their guard (a Docker or
// machine restart, a killed process group) are removed now rather than at their deadline.
reapOrphans(docker, log).catch((error: unknown) => log(`orphan scan failed: ${(error as Error).message}`));
const scan = setInterval(() => {
  reapExpired(docker, Date.now(), log).catch((error: unknown) => log(`deadline scan failed: ${(error as Error).message}`));
}, EXPIRED_SCAN_MS);

let cleaning = false;
const ownerGone = (): void => {
  if (cleaning) return;
  cleaning = true;
  clearInterval(scan);
  // Retried a few times: the owner may have died while Docker was busy creating its next sandbox.
  const attempt = async (tries: number): Promise<void> => {
    const removed = await removeOwnSandboxes(docker, owner);
    if (removed > 0) log(`owner is gone: removed ${removed} sandbox(es)`);
    if (tries > 1) {
      await new Promise((r) => setTimeout(r, 2_000));
      await attempt(tries - 1);
    }
  };
  attempt(3).then(
    () => process.exit(0),
    (error: unknown) => {
      log(`could not remove the owner's sandboxes (their deadline reaper will): ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
process.on('disconnect', ownerGone);
if (!process.connected) ownerGone();
