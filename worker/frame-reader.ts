// Splits the sandbox's report stream into lines and parses frame lines with the zod schema.
// The stream is untrusted: total bytes are capped and a malformed frame is reported, not thrown.
import { FRAME_PREFIX, HarnessFrameSchema, type HarnessFrame } from '../core/run-report.js';

export type FrameEvent =
  | { kind: 'frame'; frame: HarnessFrame }
  | { kind: 'stray'; line: string }
  | { kind: 'malformed'; detail: string }
  | { kind: 'over_cap'; totalBytes: number };

export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private total = 0;
  private overCap = false;

  constructor(private readonly capBytes: number, private readonly emit: (event: FrameEvent) => void) {}

  push(chunk: Buffer): void {
    if (this.overCap) return;
    this.total += chunk.length;
    if (this.total > this.capBytes) {
      this.overCap = true;
      this.pending = [];
      this.emit({ kind: 'over_cap', totalBytes: this.total });
      return;
    }
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      this.pending.push(chunk.subarray(start, i));
      this.line(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      this.pendingBytes = 0;
      start = i + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
    }
  }

  private line(text: string): void {
    if (!text.startsWith(FRAME_PREFIX)) {
      this.emit({ kind: 'stray', line: text });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text.slice(FRAME_PREFIX.length));
    } catch {
      this.emit({ kind: 'malformed', detail: 'a report frame is not valid JSON' });
      return;
    }
    const parsed = HarnessFrameSchema.safeParse(json);
    if (parsed.success) this.emit({ kind: 'frame', frame: parsed.data });
    else this.emit({ kind: 'malformed', detail: `a report frame does not match the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
}
