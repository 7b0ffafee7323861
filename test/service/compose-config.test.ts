// docker-compose.yml is a deployment contract: it must parse, and keep the services, the Redis
// durability, memory and lockdown settings (a required password, the default user off, the
// dangerous commands denied), and the worker's Docker socket that the README describes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../core/repo-root.js';
import { APP_USER_PERMISSIONS, REDIS_APP_USER } from '../../store/redis-server-config.js';

const run = promisify(execFile);

it('validates with docker-compose config and keeps the documented shape', async () => {
  const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRADER_ADMIN_TOKEN: 'a'.repeat(32), GRADER_REDIS_PASSWORD: 'b'.repeat(64) },
  });
  const config = parse(stdout) as {
    services: Record<string, { command?: string[]; volumes?: unknown[]; environment?: Record<string, string> }>;
  };
  expect(Object.keys(config.services).sort()).toEqual(['redis', 'sandbox-image', 'server', 'worker']);
  const redis = config.services.redis?.command?.join(' ') ?? '';
  for (const flag of [
    '--dir /data',
    '--appendonly yes',
    '--appendfsync always',
    '--maxmemory 1073741824',
    '--maxmemory-policy noeviction',
    '--aclfile',
  ])
    expect(redis).toContain(flag);
  expect(redis).toContain('user default on >%s ~* &* +@all\\n');
  expect(redis).toContain(`user ${REDIS_APP_USER} on >%s ${APP_USER_PERMISSIONS}`);
  for (const service of ['server', 'worker'])
    expect(config.services[service]?.environment?.GRADER_REDIS_URL).toBe(`redis://${REDIS_APP_USER}:${'b'.repeat(64)}@redis:6379`);
  // Without a password the deployment does not start at all.
  await expect(
    run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: REPO_ROOT,
      env: { ...process.env, GRADER_ADMIN_TOKEN: 'a'.repeat(32), GRADER_REDIS_PASSWORD: '' },
    }),
  ).rejects.toThrow(/set GRADER_REDIS_PASSWORD/);
  expect(JSON.stringify(config.services.worker?.volumes)).toContain('/var/run/docker.sock');
  expect(JSON.stringify(config.services.server?.volumes ?? [])).not.toContain('docker.sock');
});
