// docker-compose.yml is a deployment contract: it must parse, and keep the services, the Redis
// durability settings and the worker's Docker socket that the README describes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../core/repo-root.js';

const run = promisify(execFile);

it('validates with docker-compose config and keeps the documented shape', async () => {
  const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRADER_ADMIN_TOKEN: 'a'.repeat(32) },
  });
  const config = parse(stdout) as { services: Record<string, { command?: string[]; volumes?: unknown[] }> };
  expect(Object.keys(config.services).sort()).toEqual(['redis', 'sandbox-image', 'server', 'worker']);
  expect(config.services.redis?.command).toEqual(
    expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction']),
  );
  expect(JSON.stringify(config.services.worker?.volumes)).toContain('/var/run/docker.sock');
  expect(JSON.stringify(config.services.server?.volumes ?? [])).not.toContain('docker.sock');
});
