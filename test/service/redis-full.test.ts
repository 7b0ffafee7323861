// A full Redis (maxmemory with noeviction, as `npm start` and compose run it) against the real
// server: a write Redis refuses is a 503 that says nothing was saved, reads keep working, every
// submission accepted before is still there, and once space is freed writes are accepted again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createInterview,
  startRedis,
  startServer,
  submit,
  uniqueQueue,
  type LocalRedis,
  type LocalServer,
} from '../../scripts/local-service.js';
import { REDIS_FULL_MESSAGE } from '../../server/http/error-handler.js';
import { connectRedis, isRedisFull } from '../../store/redis.js';
import { serviceEnv } from './service-harness.js';

const MAXMEMORY_BYTES = 8 * 1024 * 1024;

describe('the server on a full Redis', () => {
  let redis: LocalRedis;
  let server: LocalServer;

  beforeAll(async () => {
    redis = await startRedis({ maxmemoryBytes: MAXMEMORY_BYTES });
    server = await startServer(serviceEnv(redis.url, uniqueQueue('full')));
  });
  afterAll(async () => {
    await server?.close();
    await redis?.destroy();
  });

  it('refuses writes with a 503 that says nothing was saved, keeps answering reads, and loses nothing accepted', async () => {
    const client = api(server.url);
    const { candidateToken } = await createInterview(client);
    const accepted = await submit(client, candidateToken, 'def solve(spark, numbers):\n    return numbers\n');

    // Fill Redis to its limit as the app user would, with ever smaller values, until even a
    // one-byte write is refused: full for good, not only for a request that carried a large value.
    const filler = connectRedis(redis.url, 'test-filler');
    let n = 0;
    for (const size of [16 * 1024, 1024, 64, 1]) {
      const value = 'x'.repeat(size);
      for (;;) {
        const full = await filler.set(`filler:${n++}`, value).then(
          () => false,
          (error: unknown) => {
            if (!isRedisFull(error)) throw error;
            return true;
          },
        );
        if (full) break;
        expect(n).toBeLessThan(100_000);
      }
    }

    const refused = await client.json<{ error: string; errorId: string }>('POST', `/api/i/${candidateToken}/submissions`, {
      kind: 'run',
      code: 'def solve(spark, numbers):\n    return numbers\n',
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe(REDIS_FULL_MESSAGE);
    const draft = await client.json('PUT', `/api/i/${candidateToken}/draft`, { code: '# x', events: [] });
    expect(draft.status).toBe(503);

    const list = await client.json<{ submissions: { id: string }[] }>('GET', `/api/i/${candidateToken}/submissions`);
    expect(list.status).toBe(200);
    expect(list.body.submissions.map((s) => s.id)).toEqual([accepted]);

    // Space freed: writes are accepted again.
    for (let i = 0; i < n; i++) await filler.del(`filler:${i}`);
    filler.disconnect();
    const again = await submit(client, candidateToken, 'def solve(spark, numbers):\n    return numbers\n', 'run');
    const after = await client.json<{ submissions: { id: string }[] }>('GET', `/api/i/${candidateToken}/submissions`);
    expect(after.body.submissions.map((s) => s.id).sort()).toEqual([accepted, again].sort());
  });
});
