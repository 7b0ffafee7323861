import { describe, expect, it } from 'vitest';
import { redactUrl } from './request-log.js';

describe('request log redaction', () => {
  it.each([
    ['/api/i/AbC_123-xyz/submissions/5', '/api/i/[token]/submissions/5'],
    ['/api/i/AbC_123-xyz', '/api/i/[token]'],
    ['/api/i/AbC?x=1', '/api/i/[token]?x=1'],
    ['/API/I/AbC_123-xyz/events', '/API/i/[token]/events'],
    ['/Api/i/AbC', '/Api/i/[token]'],
    ['/I/AbC', '/i/[token]'],
    ['/healthz', '/healthz'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
