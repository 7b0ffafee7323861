// Keeps the first N bytes written to it and counts the rest: how every byte that leaves a
// sandbox is held in the worker's memory.

export class CappedBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes received beyond the cap and dropped. */
  dropped = 0;

  constructor(readonly capBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.capBytes - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(room, 0));
  }

  get totalBytes(): number {
    return this.kept + this.dropped;
  }

  text(): string {
    const body = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `${body}\n[... ${this.dropped} more bytes dropped]` : body;
  }
}
