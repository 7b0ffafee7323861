// Rate limits against two server instances (two apps with their own Redis connections, sharing
// no memory) on one real Redis, behind a trusted proxy
// (GRADER_TRUST_PROXY=loopback; the test plays the proxy, naming clients in X-Forwarded-For, and
// sends everything to loopback): a link's limit holds across both processes, an address that
// keeps trying unknown links gets a 429 naming the limit while another address and a real link
// still work, one client using up the admin limit does not lock out another, and one link's cap
// on live streams counts its streams on both instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  api,
  createInterview,
  startRedis,
  startServer,
  uniqueQueue,
  type LocalRedis,
  type LocalServer,
} from '../../scripts/local-service.js';
import { serviceEnv } from './service-harness.js';

const REQUESTS_PER_MINUTE = 12;
const UNKNOWN_PER_MINUTE = 4;
const STREAMS_PER_TOKEN = 3;
// Documentation addresses (RFC 5737): only ever a header value, never a destination.
const CLIENT_A = '203.0.113.7';
const CLIENT_B = '203.0.113.8';

describe('rate limits across server instances', () => {
  let redis: LocalRedis;
  let servers: LocalServer[];

  beforeAll(async () => {
    redis = await startRedis();
    const env = serviceEnv(redis.url, uniqueQueue('limits'), {
      GRADER_REQUESTS_PER_MINUTE: String(REQUESTS_PER_MINUTE),
      GRADER_UNKNOWN_TOKENS_PER_MINUTE: String(UNKNOWN_PER_MINUTE),
      GRADER_TRUST_PROXY: 'loopback',
      GRADER_MAX_STREAMS_PER_TOKEN: String(STREAMS_PER_TOKEN),
    });
    servers = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.close()));
    await redis?.destroy();
  });

  /** GET `path` on server `i % 2`, as `client` behind the proxy. */
  const get = async (i: number, path: string, client: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${servers[i % 2]!.url}${path}`, { headers: { 'x-forwarded-for': client, ...headers } });
  const statuses = async (n: number, path: string, client: string, headers?: Record<string, string>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await get(i, path, client, headers);
      await res.body?.cancel();
      out.push(res.status);
    }
    return out;
  };

  it("holds one link's limit across both instances", async () => {
    const { candidateToken } = await createInterview(api(servers[0]!.url));
    expect(await statuses(REQUESTS_PER_MINUTE, `/api/i/${candidateToken}`, CLIENT_A)).toEqual(Array(REQUESTS_PER_MINUTE).fill(200));
    for (const i of [0, 1]) {
      const res = await get(i, `/api/i/${candidateToken}`, CLIENT_B);
      expect(res.status).toBe(429);
      expect(await res.json()).toEqual({ error: `too many requests: at most ${REQUESTS_PER_MINUTE} per minute` });
    }
  });

  it('answers an address that keeps trying unknown links with a 429 naming the limit, and nobody else', async () => {
    const { interviewerToken } = await createInterview(api(servers[1]!.url));
    const unknown = `/api/i/${'x'.repeat(43)}`;
    expect(await statuses(UNKNOWN_PER_MINUTE, unknown, CLIENT_A)).toEqual(Array(UNKNOWN_PER_MINUTE).fill(404));
    for (const path of [unknown, '/api/i/not-even-a-token']) {
      const res = await get(0, path, CLIENT_A);
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: string }).error).toBe(
        `too many requests with unknown links from this address: at most ${UNKNOWN_PER_MINUTE} per minute (GRADER_UNKNOWN_TOKENS_PER_MINUTE)`,
      );
    }
    // The same address with a real link, and another address with an unknown one, are answered as usual.
    expect(await statuses(1, `/api/i/${interviewerToken}`, CLIENT_A)).toEqual([200]);
    expect(await statuses(1, unknown, CLIENT_B)).toEqual([404]);
  });

  it('limits admin requests per client address, so one client cannot lock out another', async () => {
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    // createInterview above came from the proxy's own address (no X-Forwarded-For): a third client.
    expect(await statuses(REQUESTS_PER_MINUTE, '/api/challenges', CLIENT_A, admin)).toEqual(Array(REQUESTS_PER_MINUTE).fill(200));
    expect(await statuses(2, '/api/challenges', CLIENT_A, admin)).toEqual([429, 429]);
    expect(await statuses(1, '/api/challenges', CLIENT_B, admin)).toEqual([200]);
  });

  it("caps one link's live streams across both instances, and frees a slot on one when a stream on the other closes", async () => {
    const { candidateToken } = await createInterview(api(servers[0]!.url));
    const open = async (i: number): Promise<{ res: Response; abort: AbortController }> => {
      const abort = new AbortController();
      const res = await fetch(`${servers[i % 2]!.url}/api/i/${candidateToken}/events`, { signal: abort.signal });
      return { res, abort };
    };
    const held = [await open(0), await open(1), await open(0)];
    expect(held.map((h) => h.res.status)).toEqual([200, 200, 200]);
    for (const i of [0, 1]) {
      const refused = await open(i);
      expect(refused.res.status).toBe(429);
      expect(((await refused.res.json()) as { error: string }).error).toBe(
        `too many live streams open for this link: at most ${STREAMS_PER_TOKEN} at once (GRADER_MAX_STREAMS_PER_TOKEN)`,
      );
    }
    held.shift()!.abort.abort(); // a stream on instance 0 closes
    let again = await open(1);
    for (let i = 0; i < 20 && again.res.status !== 200; i++) {
      await again.res.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
      again = await open(1);
    }
    expect(again.res.status).toBe(200);
    for (const h of [...held, again]) h.abort.abort();
  });
});
