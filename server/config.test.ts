import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/env-config.js';
import { parseServerConfig, publicUrl, requireAdminToken } from './config.js';

describe('server config', () => {
  it('has defaults for everything but the admin token', () => {
    const config = parseServerConfig({});
    expect(config).toMatchObject({
      GRADER_PORT: 8080,
      GRADER_HOST: '127.0.0.1',
      GRADER_REDIS_URL: 'redis://127.0.0.1:6379',
      GRADER_QUEUE_NAME: 'grade',
      GRADER_MAX_CODE_BYTES: 65_536,
      GRADER_SUBMISSIONS_PER_MINUTE: 20,
      GRADER_REQUESTS_PER_MINUTE: 600,
      GRADER_JOB_ATTEMPTS: 3,
    });
    expect(config.GRADER_ADMIN_TOKEN).toBeUndefined();
    expect(() => requireAdminToken(config)).toThrow(/GRADER_ADMIN_TOKEN is not set/);
    expect(publicUrl(config)).toBe('http://127.0.0.1:8080');
  });

  it('coerces numbers from the environment', () => {
    expect(parseServerConfig({ GRADER_PORT: '9000', GRADER_SUBMISSIONS_PER_MINUTE: '5' })).toMatchObject({
      GRADER_PORT: 9000,
      GRADER_SUBMISSIONS_PER_MINUTE: 5,
    });
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.7,fd00::/8', '10.0.0.0/8,192.168.1.7,fd00::/8'],
  ])('reads GRADER_TRUST_PROXY=%j as %j', (value, trusted) => {
    expect(parseServerConfig(value === undefined ? {} : { GRADER_TRUST_PROXY: value }).GRADER_TRUST_PROXY).toEqual(trusted);
  });

  it('takes an empty GRADER_METRICS_TOKEN (compose passes one when unset) as no token', () => {
    expect(parseServerConfig({ GRADER_METRICS_TOKEN: '' }).GRADER_METRICS_TOKEN).toBeUndefined();
  });

  it('uses the public URL for links, without a trailing slash', () => {
    expect(publicUrl(parseServerConfig({ GRADER_PUBLIC_URL: 'https://grader.example.org/' }))).toBe('https://grader.example.org');
  });

  it.each([
    [{ GRADER_PORT: 'eighty' }, /GRADER_PORT/],
    [{ GRADER_PORT: '70000' }, /GRADER_PORT/],
    [{ GRADER_REDIS_URL: 'localhost:6379' }, /GRADER_REDIS_URL: must be a redis/],
    [{ GRADER_ADMIN_TOKEN: 'short' }, /GRADER_ADMIN_TOKEN: must be at least 24/],
    [{ GRADER_QUEUE_NAME: 'a:b' }, /GRADER_QUEUE_NAME/],
    [{ GRADER_SUBMISSIONS_PER_MINUTE: '-1' }, /GRADER_SUBMISSIONS_PER_MINUTE/],
    [{ GRADER_LOG_LEVEL: 'loud' }, /GRADER_LOG_LEVEL/],
    [{ GRADER_METRICS_TOKEN: 'short' }, /GRADER_METRICS_TOKEN: must be at least 24/],
    [{ GRADER_TRUST_PROXY: 'true' }, /GRADER_TRUST_PROXY: "true" would believe any client about its address/],
    [{ GRADER_TRUST_PROXY: '10.0.0.0/8, proxy.internal' }, /GRADER_TRUST_PROXY: not an address, subnet or name: proxy\.internal/],
    [{ GRADER_TRUST_PROXY: '10.0.0.1/40' }, /GRADER_TRUST_PROXY: not an address, subnet or name: 10\.0\.0\.1\/40/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => parseServerConfig(env)).toThrow(ConfigError);
    expect(() => parseServerConfig(env)).toThrow(message);
  });
});
