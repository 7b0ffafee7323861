// The compose deployment, for real: the service's image built from server/Dockerfile on the
// local trixie base (Node.js 20 and Redis from Debian's own packages:
// scripts/build-service-base-image.sh; npm packages from the host's offline cache where builds
// cannot reach the registry), `up -d` with Redis, the server and a worker using the host's
// sandbox image, a Run of a real challenge's reference through the composed server and worker,
// `--scale worker=2` and two Runs graded at once, a new Redis container on the same volume that
// still has every accepted submission, and `down -v` that leaves no container, sandbox or volume
// behind. Everything the test sends goes to the composed server on the host's loopback.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { api, freePort, type Api } from '../../scripts/local-service.js';
import { parseSandboxConfig } from '../../worker/config.js';
import { QUEUE_LABEL, SANDBOX_LABEL } from '../../worker/sandbox/container-options.js';
import { sandboxImageTag } from '../../worker/sandbox-image.js';
import { requireDocker } from '../service/service-harness.js';

const SERVICE_BASE_IMAGE = 'grader-service-base:trixie';
const CHALLENGE = 'session-analysis';
const STARTUP_MS = 180_000;
const GRADE_MS = 180_000;

const project = `grader-ci-${randomBytes(3).toString('hex')}`;
const queueName = `compose-${randomBytes(3).toString('hex')}`;
const adminToken = randomBytes(24).toString('hex');
const metricsToken = randomBytes(24).toString('hex');
let port = 0;
let env: Record<string, string> = {};

/**
 * Runs docker-compose on the test's project and answers its stdout. Resolves when the process
 * exits (not when its output pipes close: `up -d` leaves them open behind it).
 */
async function compose(...args: string[]): Promise<string> {
  const files = ['-f', 'docker-compose.yml', '-f', path.join('test', 'compose', 'docker-compose.test.yml')];
  const child = spawn('docker-compose', ['-p', project, ...files, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  child.stdout.destroy();
  child.stderr.destroy();
  if (code !== 0) throw new Error(`docker-compose ${args.join(' ')} exited with ${code}:\n${stderr}\n${stdout.slice(-4000)}`);
  return stdout;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${await compose('logs', '--tail', '40').catch(() => '')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('the compose deployment', () => {
  let client: Api;
  const reference = readFile(path.join(REPO_ROOT, 'challenges', CHALLENGE, 'reference.py'), 'utf8');
  const accepted: { token: string; id: string }[] = [];

  // With a timeout: the published port accepts a connection before the server in the container
  // listens, and such a request would wait for the default five minutes.
  const readiness = (): Promise<{ ready: boolean; workers: number }> =>
    fetch(`http://127.0.0.1:${port}/readyz`, {
      headers: { authorization: `Bearer ${metricsToken}` },
      signal: AbortSignal.timeout(3_000),
    }).then((r) => r.json() as Promise<{ ready: boolean; workers: number }>);
  const createInterview = async (): Promise<{ candidateToken: string; interviewerToken: string }> => {
    const res = await client.json<{ candidateToken: string; interviewerToken: string }>(
      'POST',
      '/api/interviews',
      { challengeId: CHALLENGE, candidateName: 'Compose' },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const runReference = async (token: string): Promise<string> => {
    const res = await client.json<{ id: string }>('POST', `/api/i/${token}/submissions`, { kind: 'run', code: await reference });
    expect(res.status).toBe(202);
    return res.body.id;
  };
  const finished = (token: string, id: string) =>
    until(
      `submission ${id}`,
      async () => {
        const res = await client.json<{ status: string; verdict?: string; startedAtMs: number; finishedAtMs: number }>(
          'GET',
          `/api/i/${token}/submissions/${id}`,
        );
        return res.body.status === 'graded' || res.body.status === 'system_error' ? res.body : undefined;
      },
      GRADE_MS,
    );

  beforeAll(async () => {
    await requireDocker();
    const docker = new Docker();
    await docker
      .getImage(SERVICE_BASE_IMAGE)
      .inspect()
      .catch(() => {
        throw new Error(`the compose test needs ${SERVICE_BASE_IMAGE}: run scripts/setup.sh`);
      });
    const config = parseSandboxConfig();
    const sandboxImage = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
    port = await freePort();
    env = {
      GRADER_ADMIN_TOKEN: adminToken,
      GRADER_METRICS_TOKEN: metricsToken,
      GRADER_REDIS_PASSWORD: randomBytes(32).toString('hex'),
      GRADER_PORT: String(port),
      GRADER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      GRADER_QUEUE_NAME: queueName,
      NODE_BASE_IMAGE: SERVICE_BASE_IMAGE,
      REDIS_IMAGE: SERVICE_BASE_IMAGE,
      // The host's sandbox image exists, so compose runs it instead of building its own.
      GRADER_SANDBOX_IMAGE: sandboxImage,
    };
    client = api(`http://127.0.0.1:${port}`);
    await compose('build', 'server');
    await compose('up', '-d', '--no-build');
  });

  afterAll(async () => {
    await compose('down', '-v', '--remove-orphans').catch((error: unknown) => console.error(error));
  });

  it('grades the reference through the composed server and worker', async () => {
    await until(
      'a ready worker',
      async () => {
        const r = await readiness();
        return r.ready && r.workers === 1 ? r : undefined;
      },
      STARTUP_MS,
    );
    const { candidateToken } = await createInterview();
    const id = await runReference(candidateToken);
    expect(await finished(candidateToken, id)).toMatchObject({ status: 'graded', verdict: 'accepted' });
    accepted.push({ token: candidateToken, id });
  });

  it('scales to two workers that grade two submissions at once', async () => {
    await compose('up', '-d', '--no-build', '--no-recreate', '--scale', 'worker=2');
    await until(
      'two ready workers',
      async () => {
        const r = await readiness();
        return r.ready && r.workers === 2 ? r : undefined;
      },
      STARTUP_MS,
    );
    const interviews = await Promise.all([createInterview(), createInterview()]);
    const ids = await Promise.all(interviews.map((i) => runReference(i.candidateToken)));
    const results = await Promise.all(interviews.map((i, n) => finished(i.candidateToken, ids[n]!)));
    for (const r of results) expect(r).toMatchObject({ status: 'graded', verdict: 'accepted' });
    // Each worker grades one at a time (GRADER_WORKER_CONCURRENCY=1): overlapping grades ran on both.
    const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
    expect(a.startedAtMs < b.finishedAtMs && b.startedAtMs < a.finishedAtMs).toBe(true);
    interviews.forEach((i, n) => accepted.push({ token: i.candidateToken, id: ids[n]! }));
  });

  it('keeps every accepted submission when the Redis container is replaced by a new one', async () => {
    // A new container, not a restart of the old one: what survives is what is on the volume.
    await compose('up', '-d', '--no-build', '--no-deps', '--force-recreate', 'redis');
    for (const { token, id } of accepted) {
      const res = await until(
        `submission ${id} after the restart`,
        async () => {
          const r = await client.json<{ status: string; verdict: string }>('GET', `/api/i/${token}/submissions/${id}`);
          return r.status === 200 ? r : undefined;
        },
        60_000,
      );
      expect(res.body).toMatchObject({ status: 'graded', verdict: 'accepted' });
    }
    // And the service keeps accepting after it.
    const { candidateToken } = await createInterview();
    const id = await runReference(candidateToken);
    expect(await finished(candidateToken, id)).toMatchObject({ status: 'graded', verdict: 'accepted' });
  });

  it('leaves no container, sandbox or volume behind after down -v', async () => {
    await compose('down', '-v', '--remove-orphans');
    const docker = new Docker();
    expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).toEqual([]);
    expect(await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${QUEUE_LABEL}=${queueName}`] } })).toEqual(
      [],
    );
    const { Volumes } = await docker.listVolumes({ filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(Volumes ?? []).toEqual([]);
  });
});
