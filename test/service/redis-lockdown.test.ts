// The Redis `npm start` runs (scripts/local-redis.ts, on a free port here) and the one every
// service test runs on (scripts/local-service.ts), both from store/redis-server-config.ts: its
// password is generated once into an owner-only file and reused; nobody gets in without it; the
// app's user is refused CONFIG, FLUSHALL, MODULE, SHUTDOWN, ACL and KEYS but may read INFO; it
// listens on loopback only; and a second start finds it running and reuses it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { freePort } from '../../scripts/local-service.js';

const run = promisify(execFile);

describe("npm start's Redis", () => {
  let state = '';
  afterAll(async () => {
    const pid = await readFile(path.join(state, 'redis', 'redis.pid'), 'utf8').catch(() => '');
    if (pid.trim()) process.kill(Number(pid.trim()), 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await rm(state, { recursive: true, force: true });
  });

  it('starts locked down with a generated password, and is reused by the next start', async () => {
    state = await mkdtemp(path.join(tmpdir(), 'grader-state-'));
    const port = await freePort();
    const start = () => run(process.execPath, ['--import', 'tsx', 'scripts/local-redis.ts', state, String(port)], { cwd: REPO_ROOT });
    const first = await start();
    const url = first.stdout.trim();
    const password = (await readFile(path.join(state, 'redis-password'), 'utf8')).trim();
    expect(url).toBe(`redis://grader:${password}@127.0.0.1:${port}`);
    expect((await stat(path.join(state, 'redis-password'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(state, 'redis', 'redis.conf'))).mode & 0o777).toBe(0o600);
    const config = await readFile(path.join(state, 'redis', 'redis.conf'), 'utf8');
    expect(config).toMatch(/^bind 127\.0\.0\.1$/m);
    expect(config).toMatch(/^maxmemory-policy noeviction$/m);

    const second = await start();
    expect(second.stdout.trim()).toBe(url);
    expect(second.stderr).toMatch(/using the locked-down redis-server already on 127\.0\.0\.1:\d+/);

    const anonymous = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, enableReadyCheck: false });
    anonymous.on('error', () => undefined);
    await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();

    const app = new Redis(url, { maxRetriesPerRequest: 0 });
    try {
      expect(await app.ping()).toBe('PONG');
      expect(await app.info('server')).toMatch(/redis_version:/);
      for (const command of [
        ['CONFIG', 'SET', 'dir', '/tmp'],
        ['CONFIG', 'GET', 'requirepass'],
        ['FLUSHALL'],
        ['FLUSHDB'],
        ['MODULE', 'LOAD', '/tmp/evil.so'],
        ['SHUTDOWN', 'NOSAVE'],
        ['ACL', 'SETUSER', 'default', 'on', 'nopass', '+@all'],
        ['KEYS', '*'],
        ['MONITOR'],
      ])
        await expect(app.call(command[0]!, ...command.slice(1)), command.join(' ')).rejects.toThrow(/NOPERM|command not allowed/);
    } finally {
      app.disconnect();
    }
  });
});
