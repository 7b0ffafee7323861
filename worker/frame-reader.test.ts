import { describe, expect, it } from 'vitest';
import { FRAME_PREFIX } from '../core/run-report.js';
import { FrameReader, type FrameEvent } from './frame-reader.js';

function read(chunks: (string | Buffer)[], cap = 1024 * 1024): FrameEvent[] {
  const events: FrameEvent[] = [];
  const reader = new FrameReader(cap, (e) => events.push(e));
  for (const chunk of chunks) reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return events;
}

describe('FrameReader', () => {
  it('parses a frame split across chunks', () => {
    const line = `${FRAME_PREFIX}${JSON.stringify({ type: 'module_start' })}\n`;
    expect(read([line.slice(0, 7), line.slice(7, 30), line.slice(30)])).toEqual([{ kind: 'frame', frame: { type: 'module_start' } }]);
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const line = Buffer.from(`${FRAME_PREFIX}${JSON.stringify({ type: 'harness_error', message: 'é€' })}\n`);
    const events = read([line.subarray(0, line.length - 4), line.subarray(line.length - 4)]);
    expect(events).toEqual([{ kind: 'frame', frame: { type: 'harness_error', message: 'é€' } }]);
  });

  it('passes lines without the prefix on as stray output', () => {
    expect(read(['hello\n'])).toEqual([{ kind: 'stray', line: 'hello' }]);
  });

  it.each([
    ['invalid JSON', `${FRAME_PREFIX}{nope\n`, /not valid JSON/],
    ['an unknown frame type', `${FRAME_PREFIX}{"type":"verdict","verdict":"accepted"}\n`, /does not match/],
    ['a case report with a wrong field type', `${FRAME_PREFIX}{"type":"case_end","report":{"name":"a","status":"ok","timeMs":"fast","prepareMs":0}}\n`, /timeMs/],
  ])('reports %s as malformed', (_what, text, detail) => {
    const [event] = read([text]);
    expect(event?.kind).toBe('malformed');
    expect(event && 'detail' in event ? event.detail : '').toMatch(detail);
  });

  it('stops at the byte cap and says so once', () => {
    const events = read(['x'.repeat(600), 'y'.repeat(600), 'z\n'], 1000);
    expect(events).toEqual([{ kind: 'over_cap', totalBytes: 1200 }]);
  });
});
