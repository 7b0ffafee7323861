// The Redis a local start runs (`npm start`, the tests): its configuration file, written
// owner-only so the passwords are in no process list. Durable (AOF, fsync on every write),
// bounded (maxmemory with noeviction: a full Redis refuses writes, never drops a key), loopback
// only, and locked down: nobody gets in without a password; the service's own user may run every
// command but the dangerous ones (CONFIG, DEBUG, MODULE, FLUSHALL/FLUSHDB, KEYS, SHUTDOWN, ACL,
// MONITOR, REPLICAOF, ...), INFO excepted (BullMQ and the client read the server version). The
// default user keeps every command behind an admin password of its own, for the operator: Redis
// replays the AOF's transactions as the default user, and with that user off (or restricted) it
// drops them on restart (Redis 7.0: "ACLs rules changed between the moment the transaction was
// accumulated and the EXEC call"), which would lose every accepted submission.
import { randomBytes } from 'node:crypto';

/** The ACL user the server and workers connect as. */
export const REDIS_APP_USER = 'grader';
/** Default memory cap of a locally started Redis, in bytes (GRADER_REDIS_MAXMEMORY_BYTES). */
export const DEFAULT_REDIS_MAXMEMORY_BYTES = 1024 * 1024 * 1024;

export interface LocalRedisOptions {
  port: number;
  /** Data folder (the AOF). */
  dir: string;
  /** The app user's password. */
  password: string;
  /** The default (operator) user's password. */
  adminPassword: string;
  maxmemoryBytes: number;
  /** Interface to listen on; loopback unless told otherwise. */
  bind?: string;
}

/** A fresh password for the app user: 256 bits, hex (no character a URL or config needs escaped). */
export function newRedisPassword(): string {
  return randomBytes(32).toString('hex');
}

/** What the app user may do: every key and channel, every command but the dangerous ones (docker-compose.yml says the same). */
export const APP_USER_PERMISSIONS = '~* &* +@all -@dangerous +info';

const checkPassword = (password: string): void => {
  if (!/^[0-9a-f]{32,}$/i.test(password)) throw new Error('a Redis password must be at least 32 hex characters');
};

/** The ACL rule of the app user. */
export function appUserRule(password: string): string {
  checkPassword(password);
  return `${REDIS_APP_USER} on >${password} ${APP_USER_PERMISSIONS}`;
}

/** The ACL rule of the default user: every command, behind the operator's password (docker-compose.yml says the same). */
export function defaultUserRule(adminPassword: string): string {
  checkPassword(adminPassword);
  return `default on >${adminPassword} ~* &* +@all`;
}

export function redisServerConfig(options: LocalRedisOptions): string {
  return [
    `bind ${options.bind ?? '127.0.0.1'}`,
    'protected-mode yes',
    `port ${options.port}`,
    `dir "${options.dir}"`,
    'appendonly yes',
    'appendfsync always',
    'save ""',
    `maxmemory ${options.maxmemoryBytes}`,
    'maxmemory-policy noeviction',
    `user ${defaultUserRule(options.adminPassword)}`,
    `user ${appUserRule(options.password)}`,
    '',
  ].join('\n');
}

/** The URL the service connects with. */
export function redisUrl(host: string, port: number, password: string): string {
  return `redis://${REDIS_APP_USER}:${password}@${host}:${port}`;
}
