// Interview templates in Redis: one hash, template id to its JSON, at most MAX_TEMPLATES of them.
import { randomUUID } from 'node:crypto';
import type { InterviewChallenge } from '../core/interview.js';
import { InterviewTemplateSchema, MAX_TEMPLATES, type InterviewTemplate } from '../core/interview-template.js';
import type { Store } from './store.js';

// Create: refused when the hash already holds the most templates allowed.
const CREATE = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

export class Templates {
  constructor(private readonly store: Store) {}

  private key(): string {
    return this.store.key('templates');
  }

  /** Null: there are MAX_TEMPLATES already. */
  async create(name: string, challenges: InterviewChallenge[], nowMs = Date.now()): Promise<InterviewTemplate | null> {
    const template: InterviewTemplate = { id: randomUUID(), name, challenges, createdAtMs: nowMs };
    const created = await this.store.redis.eval(CREATE, 1, this.key(), template.id, JSON.stringify(template), String(MAX_TEMPLATES));
    return created === 1 ? template : null;
  }

  /** By name, then age. */
  async list(): Promise<InterviewTemplate[]> {
    const all = Object.values(await this.store.redis.hgetall(this.key())).map((raw) => InterviewTemplateSchema.parse(JSON.parse(raw)));
    return all.sort((a, b) => a.name.localeCompare(b.name) || a.createdAtMs - b.createdAtMs);
  }

  async get(id: string): Promise<InterviewTemplate | null> {
    const raw = await this.store.redis.hget(this.key(), id);
    return raw === null ? null : InterviewTemplateSchema.parse(JSON.parse(raw));
  }

  /** False: no such template. */
  async delete(id: string): Promise<boolean> {
    return (await this.store.redis.hdel(this.key(), id)) === 1;
  }
}
