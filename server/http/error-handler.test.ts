import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../config.js';
import { errorHandler } from './error-handler.js';
import { HttpError } from './http-error.js';

describe('error handler', () => {
  let base = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    const app = express();
    app.use(express.json({ limit: 16 }));
    app.get('/unavailable', () => {
      throw new HttpError(503, 'the web app is not built: run `npm run build:web`');
    });
    app.get('/conflict', () => {
      throw new HttpError(409, 'already submitted');
    });
    app.get('/bug', () => {
      throw new Error('secret detail');
    });
    app.post('/body', (_req, res) => {
      res.json({});
    });
    app.use(errorHandler(parseServerConfig({ GRADER_BODY_LIMIT_BYTES: '16' }), pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('sends a deliberate 5xx with its message and an error id', async () => {
    const res = await fetch(`${base}/unavailable`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; errorId?: string };
    expect(body.error).toBe('the web app is not built: run `npm run build:web`');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a 4xx as written', async () => {
    const res = await fetch(`${base}/conflict`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'already submitted' });
  });

  it('hides an unexpected error behind a generic 500', async () => {
    const res = await fetch(`${base}/bug`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string };
    expect(body.error).toBe('internal error');
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('names the body limit', async () => {
    const res = await fetch(`${base}/body`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'x'.repeat(64) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain('GRADER_BODY_LIMIT_BYTES');
  });
});
