// Splits the sandbox's control stream into lines and parses each as one frame, defensively: the
// stream is hostile. A line longer than the frame cap is refused as soon as the cap is passed
// (never buffered to its end), the whole stream has a byte cap, bytes must be valid UTF-8 and the
// JSON's escapes must not make lone surrogates (text that no UTF-8 can hold, which would reach
// Redis, logs and pages as ill-formed strings), and JSON nesting is measured before parsing so
// no schema check can recurse deeply. Nothing here throws: every problem is an event, and after
// the first one the reader ignores the rest.
import { SandboxFrameSchema, type SandboxFrame } from '../../core/run-report.js';

export interface FrameReaderLimits {
  /** Longest frame (one line), in bytes: GRADER_MAX_FRAME_BYTES. */
  maxFrameBytes: number;
  /** Most bytes of the whole stream: GRADER_MAX_REPORT_BYTES. */
  maxTotalBytes: number;
  /** Deepest JSON nesting accepted in a frame. */
  maxDepth: number;
}

export type FrameEvent =
  /** `at`: when the chunk that completed the frame arrived (the caller's clock), `bytes`: the line's size. */
  | { kind: 'frame'; frame: SandboxFrame; bytes: number; at: number }
  | { kind: 'bad'; detail: string; at: number }
  | { kind: 'over_cap'; totalBytes: number; at: number };

/** Frames nest a few levels (frame, rows, row, cell) and cells hold Spark's nested types. */
export const DEFAULT_MAX_DEPTH = 64;

/** Deepest `[`/`{` nesting of a JSON text, scanning outside strings; stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** A `\\uD800`-`\\uDFFF` escape somewhere (maybe a well-formed pair, maybe escaped itself): worth a closer look. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** A surrogate code unit that is not half of a pair (with the `u` flag, a pair reads as one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

/** JSON.parse that throws on a key or string holding a lone surrogate (pairs are fine). */
function parseWellFormed(text: string): unknown {
  if (!SURROGATE_ESCAPE.test(text)) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => {
    if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) throw new LoneSurrogate();
    return value;
  });
}

class LoneSurrogate extends Error {}

export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private total = 0;
  private stopped = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly limits: FrameReaderLimits,
    private readonly emit: (event: FrameEvent) => void,
  ) {}

  push(chunk: Buffer, at: number): void {
    if (this.stopped) return;
    this.total += chunk.length;
    if (this.total > this.limits.maxTotalBytes) {
      this.stop({ kind: 'over_cap', totalBytes: this.total, at });
      return;
    }
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1 && !this.stopped; i = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, i);
      start = i + 1;
      if (this.pendingBytes + part.length > this.limits.maxFrameBytes) {
        this.tooLong(at);
        return;
      }
      const line = this.pending.length === 0 ? part : Buffer.concat([...this.pending, part]);
      this.pending = [];
      this.pendingBytes = 0;
      this.line(line, at);
    }
    if (this.stopped || start >= chunk.length) return;
    const rest = chunk.subarray(start);
    if (this.pendingBytes + rest.length > this.limits.maxFrameBytes) {
      this.tooLong(at);
      return;
    }
    this.pending.push(rest);
    this.pendingBytes += rest.length;
  }

  private tooLong(at: number): void {
    this.stop({ kind: 'bad', detail: `a report frame is longer than ${this.limits.maxFrameBytes} bytes (GRADER_MAX_FRAME_BYTES)`, at });
  }

  private stop(event: FrameEvent): void {
    this.stopped = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.emit(event);
  }

  private line(bytes: Buffer, at: number): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      this.stop({ kind: 'bad', detail: 'a report frame is not valid UTF-8', at });
      return;
    }
    if (jsonDepth(text, this.limits.maxDepth) > this.limits.maxDepth) {
      this.stop({ kind: 'bad', detail: `a report frame nests deeper than ${this.limits.maxDepth} levels`, at });
      return;
    }
    let json: unknown;
    try {
      json = parseWellFormed(text);
    } catch (error) {
      const detail =
        error instanceof LoneSurrogate ? 'a report frame escapes a lone surrogate (not Unicode text)' : 'a report frame is not valid JSON';
      this.stop({ kind: 'bad', detail, at });
      return;
    }
    const parsed = SandboxFrameSchema.safeParse(json);
    if (!parsed.success) {
      // Paths and messages can quote the frame's own keys: keep the detail short.
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')
        .slice(0, 300);
      this.stop({ kind: 'bad', detail: `a report frame does not match the protocol (${issues})`, at });
      return;
    }
    this.emit({ kind: 'frame', frame: parsed.data, bytes: bytes.length, at });
  }
}
