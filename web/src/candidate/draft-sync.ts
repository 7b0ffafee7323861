// The candidate's draft of one challenge: every edit goes to localStorage at once and to the
// server shortly after (PUT /draft with the challenge's id, debounced, with compact edit events {t, from, to, text} for the interviewer's
// playback). Failed saves are retried with backoff; nothing is dropped while the server is away.
import { ApiError, apiJson } from '../api.js';
import type { Cursor, DraftEvent, SignalEvent } from '../../../core/draft.js';
import type { DraftSaved, DraftView } from '../../../core/views/draft-view.js';

/** Most events per PUT (the server's limit). */
const MAX_EVENTS_PER_PUT = 1000;
const DEBOUNCE_MS = 800;
const MAX_WAIT_MS = 5_000;
const MAX_RETRY_MS = 30_000;
/** A cursor that moved without an edit is saved after this long. */
const CURSOR_DEBOUNCE_MS = 2_000;

interface LocalCopy {
  code: string;
  /** Client clock, milliseconds since the epoch. */
  savedAtMs: number;
  /** The server has this code. */
  synced: boolean;
}

export type SaveState =
  | { kind: 'pristine' }
  | { kind: 'saved'; atMs: number }
  | { kind: 'saving' }
  | { kind: 'unsaved' }
  | { kind: 'offline'; message: string }
  /** The interview has ended: the server takes no more edits. */
  | { kind: 'closed' };

export interface DraftStart {
  /** The code the editor starts with. */
  code: string;
  /** Recovered from this browser because the server did not have it. */
  recoveredLocally: boolean;
  /** Where the cursor was at the last save; null: none saved. */
  cursor: Cursor | null;
}

export class DraftSync {
  private pending: DraftEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private inflight = false;
  private retryMs = 2_000;
  private code = '';
  private closed = false;
  private cursorNow: Cursor | null = null;
  private cursorSent: string | null = null;

  constructor(
    private readonly apiBase: string,
    private readonly challengeId: string,
    private readonly storageKey: string,
    private readonly onState: (state: SaveState) => void,
  ) {}

  /** Chooses the starting code: an unsynced local copy, else the server's draft, else the starter. */
  async start(starter: string): Promise<DraftStart> {
    const server = await apiJson<DraftView>('GET', `${this.apiBase}/draft?challenge=${encodeURIComponent(this.challengeId)}`);
    const local = this.readLocal();
    const base = server.code ?? starter;
    if (local && !local.synced && local.code !== base) {
      this.code = local.code;
      // A full replacement keeps the playback in step with what the editor now shows.
      this.record([{ t: Date.now(), from: 0, to: base.length, text: local.code }], local.code);
      return { code: local.code, recoveredLocally: true, cursor: server.cursor };
    }
    this.code = base;
    this.writeLocal({ code: base, savedAtMs: Date.now(), synced: true });
    this.onState(server.updatedAtMs ? { kind: 'saved', atMs: server.updatedAtMs } : { kind: 'pristine' });
    this.cursorSent = server.cursor ? JSON.stringify(server.cursor) : null;
    return { code: base, recoveredLocally: false, cursor: server.cursor };
  }

  /** The interview has ended: nothing more is sent (what is unsaved stays in this browser). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending = [];
    this.onState({ kind: 'closed' });
  }

  /** Records an integrity signal (a paste, the page losing focus or being hidden, and back), sent with the next save. */
  signal(event: SignalEvent): void {
    if (this.closed) return;
    if (this.pending.length === 0) this.firstPendingAt = Date.now();
    this.pending.push(event);
    this.schedule(Math.min(DEBOUNCE_MS, Math.max(0, this.firstPendingAt + MAX_WAIT_MS - Date.now())));
  }

  /** The cursor moved: saved with the next edit, or on its own shortly after. */
  cursor(cursor: Cursor): void {
    if (this.closed) return;
    this.cursorNow = cursor;
    if (this.pending.length === 0 && JSON.stringify(cursor) !== this.cursorSent) this.schedule(CURSOR_DEBOUNCE_MS);
  }

  /** Records edits that turned the previous code into `code`. */
  record(events: DraftEvent[], code: string): void {
    if (this.closed) return;
    this.code = code;
    if (this.pending.length === 0) this.firstPendingAt = Date.now();
    this.pending.push(...events);
    this.writeLocal({ code, savedAtMs: Date.now(), synced: false });
    this.onState({ kind: 'unsaved' });
    this.schedule(Math.min(DEBOUNCE_MS, Math.max(0, this.firstPendingAt + MAX_WAIT_MS - Date.now())));
  }

  /** Saves now (before a run or submit). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const cursor = this.cursorNow ? JSON.stringify(this.cursorNow) : null;
    if (this.closed || this.inflight || (this.pending.length === 0 && cursor === this.cursorSent)) return;
    this.inflight = true;
    const batch = this.pending.slice(0, MAX_EVENTS_PER_PUT);
    const code = this.code;
    if (batch.length > 0) this.onState({ kind: 'saving' });
    try {
      const saved = await apiJson<DraftSaved>('PUT', `${this.apiBase}/draft`, {
        code,
        events: batch,
        challengeId: this.challengeId,
        ...(this.cursorNow ? { cursor: this.cursorNow } : {}),
      });
      this.cursorSent = cursor;
      this.pending.splice(0, batch.length);
      this.retryMs = 2_000;
      if (this.pending.length === 0) {
        if (code === this.code) this.writeLocal({ code, savedAtMs: Date.now(), synced: true });
        this.onState({ kind: 'saved', atMs: saved.updatedAtMs });
      } else {
        this.schedule(0);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.close();
        return;
      }
      const message =
        error instanceof ApiError && error.status === 413
          ? `Not saved to the server: ${error.message}`
          : 'Not saved to the server yet (kept in this browser); retrying…';
      this.onState({ kind: 'offline', message });
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    } finally {
      this.inflight = false;
    }
  }

  /** Saves everything pending and waits for it, up to `timeoutMs` (before leaving for another challenge; the local copy covers the rest). */
  async settle(timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.closed && (this.pending.length > 0 || this.inflight) && Date.now() < until) {
      if (!this.inflight) await this.flush();
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Best effort on page hide: a keepalive PUT (the local copy covers a failure). */
  flushOnExit(): void {
    // An in-flight PUT already carries the first events; sending them again would duplicate them.
    if (this.closed || this.pending.length === 0 || this.inflight) return;
    const body = JSON.stringify({ code: this.code, events: this.pending.slice(0, MAX_EVENTS_PER_PUT), challengeId: this.challengeId });
    // keepalive bodies are capped at 64 KiB by browsers; bigger ones rely on the local copy.
    if (body.length > 60_000) return;
    // The page is going away: nobody is left to tell, and the local copy is resent on the next load.
    void fetch(`${this.apiBase}/draft`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(
      () => undefined,
    );
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.flush();
    }, delayMs);
  }

  private readLocal(): LocalCopy | null {
    try {
      const raw = localStorage.getItem(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as Partial<LocalCopy>) : null;
      return parsed && typeof parsed.code === 'string'
        ? { code: parsed.code, savedAtMs: Number(parsed.savedAtMs) || 0, synced: parsed.synced === true }
        : null;
    } catch {
      // A copy that does not parse (or storage that is disabled) is no copy: the server's draft is used.
      return null;
    }
  }

  private writeLocal(copy: LocalCopy): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(copy));
    } catch (error) {
      console.warn('could not keep a local copy of the draft', error);
    }
  }
}
