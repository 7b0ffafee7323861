import type Docker from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OWNER_LABEL, QUEUE_LABEL, SANDBOX_LABEL } from './container-options.js';
import { reapSandboxes } from './reaper.js';

/** A hand-written Docker fake: lists what it holds (honouring label filters), records removals. */
function fakeDocker(containers: { Id: string; Labels: Record<string, string> }[], failRemoval: string[] = []) {
  const removed: string[] = [];
  const docker = {
    async listContainers(options: { filters: { label: string[] } }) {
      return containers.filter((c) =>
        options.filters.label.every((f) => {
          const [k, v] = f.split('=');
          return v === undefined ? k! in c.Labels : c.Labels[k!] === v;
        }),
      );
    },
    getContainer(id: string) {
      return {
        async remove() {
          if (failRemoval.includes(id)) throw Object.assign(new Error('gone'), { statusCode: 404 });
          removed.push(id);
        },
      };
    },
  };
  return { docker: docker as unknown as Docker, removed };
}

const sandbox = (id: string, labels: Record<string, string>) => ({ Id: id, Labels: { [SANDBOX_LABEL]: '1', ...labels } });

describe('reapSandboxes', () => {
  it('removes only sandboxes of this queue whose owner has no heartbeat', async () => {
    const { docker, removed } = fakeDocker([
      sandbox('dead-owner', { [OWNER_LABEL]: 'w-dead', [QUEUE_LABEL]: 'grade' }),
      sandbox('live-owner', { [OWNER_LABEL]: 'w-live', [QUEUE_LABEL]: 'grade' }),
      sandbox('other-queue', { [OWNER_LABEL]: 'w-dead', [QUEUE_LABEL]: 'other' }),
      sandbox('cli-run', {}),
      sandbox('no-owner', { [QUEUE_LABEL]: 'grade' }),
    ]);
    const result = await reapSandboxes({
      docker,
      queueName: 'grade',
      liveWorkers: async () => new Set(['w-live']),
      logger: pino({ level: 'silent' }),
    });
    expect(result).toEqual(['dead-owner']);
    expect(removed).toEqual(['dead-owner']);
  });

  it('does not ask for live workers when there is nothing to reap', async () => {
    const { docker } = fakeDocker([]);
    const result = await reapSandboxes({
      docker,
      queueName: 'grade',
      liveWorkers: async () => {
        throw new Error('not called');
      },
      logger: pino({ level: 'silent' }),
    });
    expect(result).toEqual([]);
  });

  it('treats a container removed meanwhile as done', async () => {
    const { docker } = fakeDocker([sandbox('c1', { [OWNER_LABEL]: 'w', [QUEUE_LABEL]: 'grade' })], ['c1']);
    expect(
      await reapSandboxes({ docker, queueName: 'grade', liveWorkers: async () => new Set(), logger: pino({ level: 'silent' }) }),
    ).toEqual([]);
  });
});
