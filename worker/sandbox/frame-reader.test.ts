import { describe, expect, it } from 'vitest';
import { FrameReader, jsonDepth, type FrameEvent } from './frame-reader.js';

const limits = { maxFrameBytes: 64 * 1024, maxTotalBytes: 1024 * 1024, maxDepth: 64 };

function read(chunks: (string | Buffer)[], overrides: Partial<typeof limits> = {}): FrameEvent[] {
  const events: FrameEvent[] = [];
  const reader = new FrameReader({ ...limits, ...overrides }, (e) => events.push(e));
  chunks.forEach((chunk, i) => reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk), i));
  return events;
}

const ready = { type: 'ready', sparkVersion: '3.5.9', pythonVersion: '3.11', sparkStartupMs: 1, warmUpMs: 2 };

describe('FrameReader', () => {
  it('parses a frame split across chunks, stamped with the arrival of its last chunk', () => {
    const line = `${JSON.stringify(ready)}\n`;
    expect(read([line.slice(0, 7), line.slice(7, 30), line.slice(30)])).toEqual([
      { kind: 'frame', frame: ready, bytes: line.length - 1, at: 2 },
    ]);
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const line = Buffer.from(`${JSON.stringify({ type: 'harness_error', message: 'é€' })}\n`);
    const events = read([line.subarray(0, line.length - 4), line.subarray(line.length - 4)]);
    expect(events).toMatchObject([{ kind: 'frame', frame: { type: 'harness_error', message: 'é€' } }]);
  });

  it.each([
    ['invalid JSON', '{nope\n', /not valid JSON/],
    ['an unknown frame type', '{"type":"verdict","verdict":"accepted"}\n', /does not match the protocol/],
    ['a known frame with an extra field', `${JSON.stringify({ ...ready, verdict: 'accepted' })}\n`, /does not match the protocol/],
    ['a frame with a wrong field type', '{"type":"batch_end","id":"c1","index":"first"}\n', /index/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), /not valid UTF-8/],
    ['garbage', Buffer.from('\u0000\u0001\u0002garbage\n'), /not valid JSON/],
    ['a string escaping a lone surrogate', '{"type":"harness_error","message":"a\\udc80b"}\n', /lone surrogate/],
    ['a key escaping a lone surrogate', '{"type":"harness_error","message":"m","\\ud800":1}\n', /lone surrogate/],
    ['a plain line of text', 'hello\n', /not valid JSON/],
  ])('reports %s as a bad frame, never throwing', (_what, text, detail) => {
    const [event] = read([text]);
    expect(event?.kind).toBe('bad');
    expect(event && 'detail' in event ? event.detail : '').toMatch(detail);
  });

  it('takes escaped surrogate pairs and text that only looks like an escape', () => {
    const events = read(['{"type":"harness_error","message":"\\ud83d\\ude00 \\\\ud800"}\n']);
    expect(events).toMatchObject([{ kind: 'frame', frame: { type: 'harness_error', message: '\u{1f600} \\ud800' } }]);
  });

  it('refuses a frame nested 200,000 deep before parsing it (no stack overflow)', () => {
    const deep = `{"type":"rows","id":"c1","rows":[[${'['.repeat(200_000)}${']'.repeat(200_000)}]]}\n`;
    const events = read([deep], { maxFrameBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 });
    expect(events).toMatchObject([{ kind: 'bad', detail: 'a report frame nests deeper than 64 levels' }]);
  });

  it('refuses a 200 MB frame once it passes the frame cap, without buffering the rest', () => {
    const events: FrameEvent[] = [];
    const reader = new FrameReader({ maxFrameBytes: 4 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxDepth: 64 }, (e) =>
      events.push(e),
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let pushed = 0;
    for (; pushed < 200 * 1024 * 1024 && events.length === 0; pushed += chunk.length) reader.push(chunk, pushed);
    expect(events).toEqual([
      { kind: 'bad', detail: 'a report frame is longer than 4194304 bytes (GRADER_MAX_FRAME_BYTES)', at: 4 * 1024 * 1024 },
    ]);
    expect(pushed).toBeLessThanOrEqual(4 * 1024 * 1024 + chunk.length);
    reader.push(Buffer.from('\n'), pushed);
    expect(events).toHaveLength(1);
  });

  it('stops at the stream cap and says so once', () => {
    const events = read(['x'.repeat(600), 'y'.repeat(600), 'z\n'], { maxTotalBytes: 1000 });
    expect(events).toEqual([{ kind: 'over_cap', totalBytes: 1200, at: 1 }]);
  });

  it('reads a flood of tiny frames one by one (the state machine stops it at the first unexpected one)', () => {
    const line = '{"type":"stream_ready","id":"c1"}\n';
    const events = read([line.repeat(10_000)], { maxTotalBytes: 10 * 1024 * 1024 });
    expect(events).toHaveLength(10_000);
  });

  it('ignores everything after its first bad frame', () => {
    const events = read(['{nope\n', `${JSON.stringify(ready)}\n`]);
    expect(events.map((e) => e.kind)).toEqual(['bad']);
  });
});

describe('jsonDepth', () => {
  it.each([
    ['[]', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['"[[[[["', 0],
    ['["\\"[[["]', 1],
    ['[[[[', 4],
  ])('measures %s as %i', (text, depth) => {
    expect(jsonDepth(text, 100)).toBe(depth);
  });
});
