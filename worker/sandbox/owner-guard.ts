// Every process that creates sandboxes (worker, CLI, check, tests) has one owner id, put on its
// sandboxes' labels, and one guard: a small detached process connected to it by an IPC channel.
// When that channel closes (the process exited, crashed or was SIGKILLed) the guard removes
// every sandbox of the owner at once; while it runs, it also removes any sandbox past the
// deadline on its label, whoever made it. So a sandbox never outlives its deadline, however the
// process that started it ended.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../core/repo-root.js';

const GUARD_SCRIPT = path.join(REPO_ROOT, 'worker', 'sandbox', 'guard-process.ts');

let guard: ChildProcess | null = null;
let ownerId: string | null = null;

/** This process's owner id: `<prefix>-<host>-<pid>-<random>`; the first call fixes the prefix. */
export function processOwnerId(prefix = 'process'): string {
  ownerId ??= `${prefix}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  return ownerId;
}

/** Starts this process's guard once (before its first sandbox); it never keeps the process alive. */
export function ensureOwnerGuard(owner: string): void {
  if (guard && guard.exitCode === null && guard.signalCode === null) return;
  guard = spawn(process.execPath, ['--import', 'tsx', GUARD_SCRIPT, owner], {
    cwd: REPO_ROOT,
    detached: true, // its own process group: a signal to this one does not reach it
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: process.env,
  });
  guard.on('error', (error) => console.error(`sandbox guard did not start (sandboxes then rely on the deadline reaper): ${error.message}`));
  guard.unref();
  guard.channel?.unref();
}
