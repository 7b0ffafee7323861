import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/env-config.js';
import { parseSandboxConfig, parseWorkerConfig } from './config.js';

describe('worker config', () => {
  it('has defaults for everything', () => {
    expect(parseWorkerConfig({})).toMatchObject({
      GRADER_REDIS_URL: 'redis://127.0.0.1:6379',
      GRADER_WORKER_CONCURRENCY: 2,
      GRADER_QUEUE_NAME: 'grade',
      GRADER_JOB_ATTEMPTS: 3,
      GRADER_SANDBOX_CPUS: 2,
    });
    expect(parseSandboxConfig({})).not.toHaveProperty('GRADER_REDIS_URL');
  });

  it.each([
    [{ GRADER_WORKER_CONCURRENCY: '0' }, /GRADER_WORKER_CONCURRENCY/],
    [{ GRADER_REDIS_URL: 'localhost:6379' }, /GRADER_REDIS_URL: must be a redis/],
    [{ GRADER_SANDBOX_CPUS: 'two' }, /GRADER_SANDBOX_CPUS/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => parseWorkerConfig(env)).toThrow(ConfigError);
    expect(() => parseWorkerConfig(env)).toThrow(message);
  });
});
