// `npm start`'s Redis: prints the URL the service connects with (stdout, one line). Reuses the
// Redis that answers on 127.0.0.1:6379 (or the given port) when it accepts this machine's app password (or has no
// password at all, with a warning); otherwise starts one, locked down as
// store/redis-server-config.ts describes, its passwords generated once into
// <state>/redis-password (the service's user) and <state>/redis-admin-password (the operator's,
// the default user), owner-only like the admin token, and its data in <state>/redis.
// Usage: node --import tsx scripts/local-redis.ts <state-dir> [port]   (port: 6379)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { positiveInt } from '../core/env-config.js';
import {
  DEFAULT_REDIS_MAXMEMORY_BYTES,
  REDIS_APP_USER,
  newRedisPassword,
  redisServerConfig,
  redisUrl,
} from '../store/redis-server-config.js';

const HOST = '127.0.0.1';
const state = process.argv[2];
const PORT = Number(process.argv[3] ?? 6379);
if (!state || !Number.isInteger(PORT) || PORT <= 0 || PORT > 65_535) {
  console.error('usage: node --import tsx scripts/local-redis.ts <state-dir> [port]');
  process.exit(2);
}
const maxmemory = positiveInt(DEFAULT_REDIS_MAXMEMORY_BYTES).safeParse(process.env.GRADER_REDIS_MAXMEMORY_BYTES);
if (!maxmemory.success) {
  console.error(`GRADER_REDIS_MAXMEMORY_BYTES: must be a positive number of bytes, got ${process.env.GRADER_REDIS_MAXMEMORY_BYTES}`);
  process.exit(2);
}

/** PONG as `user` (or as nobody), or the error Redis answered with; null when nothing listens. */
async function probe(auth: { username: string; password: string } | null): Promise<'PONG' | Error | null> {
  const client = new Redis({ host: HOST, port: PORT, ...auth, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? 'PONG' : new Error('unexpected reply to PING');
  } catch (error) {
    const message = (error as Error).message;
    return /ECONNREFUSED|Connection is closed/.test(message) ? null : (error as Error);
  } finally {
    client.disconnect();
  }
}

/** The secret in `<state>/<name>`, generated (owner-only) on first use. */
async function secret(name: string): Promise<string> {
  const file = path.join(state!, name);
  if (!existsSync(file)) await writeFile(file, `${newRedisPassword()}\n`, { mode: 0o600 });
  return (await readFile(file, 'utf8')).trim();
}

await mkdir(state, { recursive: true });
const password = await secret('redis-password');
const url = redisUrl(HOST, PORT, password);

const asApp = await probe({ username: REDIS_APP_USER, password });
if (asApp === 'PONG') {
  console.error(`start: using the locked-down redis-server already on ${HOST}:${PORT}`);
} else if ((await probe(null)) === 'PONG') {
  console.error(
    `start: using the redis-server already on ${HOST}:${PORT}; it has no password, so anyone on this machine can read and change ` +
      "the grader's data: stop it and run npm start again for a locked-down one",
  );
  console.log(`redis://${HOST}:${PORT}`);
  process.exit(0);
} else if (asApp !== null) {
  console.error(
    `start: a redis-server on ${HOST}:${PORT} refuses this machine's grader password (${asApp.message}); ` +
      'stop it, or set GRADER_REDIS_URL to reach it',
  );
  process.exit(1);
} else {
  const dir = path.join(state, 'redis');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const configFile = path.join(dir, 'redis.conf');
  const adminPassword = await secret('redis-admin-password');
  await writeFile(configFile, redisServerConfig({ port: PORT, dir, password, adminPassword, maxmemoryBytes: maxmemory.data }), {
    mode: 0o600,
  });
  await chmod(configFile, 0o600);
  console.error(`start: starting redis-server on ${HOST}:${PORT} (data in ${dir}, at most ${maxmemory.data} bytes)`);
  const started = spawnSync(
    'redis-server',
    [configFile, '--daemonize', 'yes', '--logfile', path.join(dir, 'redis.log'), '--pidfile', path.join(dir, 'redis.pid')],
    { stdio: 'inherit' },
  );
  if (started.status !== 0) process.exit(1);
  for (let i = 0; i < 50 && (await probe({ username: REDIS_APP_USER, password })) !== 'PONG'; i++)
    await new Promise((r) => setTimeout(r, 100));
}
console.log(url);
