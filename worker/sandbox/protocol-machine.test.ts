import { describe, expect, it } from 'vitest';
import type { SandboxFrame } from '../../core/run-report.js';
import type { FrameEvent } from './frame-reader.js';
import { MAX_FRAMES_PER_CASE, ProtocolMachine, type Outcome, type Step } from './protocol-machine.js';

const ready: SandboxFrame = { type: 'ready', sparkVersion: '3.5.9', pythonVersion: '3.11', sparkStartupMs: 1, warmUpMs: 1 };
const moduleOk = (id = 's1'): SandboxFrame => ({ type: 'module', id, status: 'ok', stdout: '', stdoutDroppedBytes: 0 });
const rows = (id: string, n: number, batch?: number): SandboxFrame => ({
  type: 'rows',
  id,
  ...(batch === undefined ? {} : { batch }),
  rows: Array.from({ length: n }, (_, i) => ['a', i]),
});
const caseEnd = (id: string, rowCount: number, status: 'ok' | 'runtime_error' = 'ok'): SandboxFrame => ({
  type: 'case_end',
  id,
  status,
  ...(status === 'ok'
    ? {
        columns: [
          { name: 'k', type: 'string', nullable: true },
          { name: 'v', type: 'bigint', nullable: true },
        ],
        rowCount,
      }
    : {}),
  selfTimeMs: 1,
  prepareMs: 0,
  stdout: '',
  stdoutDroppedBytes: 0,
});
const frame = (f: SandboxFrame, at = 0, bytes = 100): FrameEvent => ({ kind: 'frame', frame: f, bytes, at });
const caseStep = (id = 'c1', extra: Partial<Extract<Step, { kind: 'case' }>> = {}): Step => ({
  kind: 'case',
  id,
  limitMs: 1000,
  stream: false,
  maxRows: 100,
  maxOutputBytes: 1_000_000,
  ...extra,
});

/** A machine past `ready`, with the solution imported (the candidate's code has run). */
function imported(): ProtocolMachine {
  const m = new ProtocolMachine(0, 10_000);
  m.receive(frame(ready, 5));
  m.begin({ kind: 'solution', id: 's1', limitMs: 1000 }, 10);
  m.receive(frame(moduleOk(), 20));
  return m;
}

const stopOf = (o: Outcome | null) => (o?.type === 'stopped' ? o.stop : null);

describe('ProtocolMachine before any candidate code', () => {
  it.each([
    ['a frame before ready', (m: ProtocolMachine) => m.receive(frame(moduleOk()))],
    ['the harness reporting an error', (m: ProtocolMachine) => m.receive(frame({ type: 'harness_error', message: 'boom' }))],
    ['a bad frame', (m: ProtocolMachine) => m.receive({ kind: 'bad', detail: 'not valid JSON', at: 0 })],
    ['Spark not starting in time', (m: ProtocolMachine) => m.expire(10_000)],
    ['the container exiting', (m: ProtocolMachine) => m.exited(1, 'exited with code 1')],
    ['a stderr flood', (m: ProtocolMachine) => m.overflow(1, 'stderr')],
  ])('makes %s a grader fault', (_what, act) => {
    expect(stopOf(act(new ProtocolMachine(0, 10_000)))?.reason).toBe('fault');
  });

  it('becomes idle on ready and reports it', () => {
    const m = new ProtocolMachine(0, 10_000);
    expect(m.receive(frame(ready, 7))).toEqual({ type: 'ready', frame: ready, at: 7 });
    expect(m.idle).toBe(true);
    expect(m.deadline()).toBeNull();
    expect(m.candidateRan).toBe(false);
  });
});

describe("ProtocolMachine once the candidate's code ran", () => {
  it('accepts the module report of the step it started and times it on its own clock', () => {
    const m = new ProtocolMachine(0, 10_000);
    m.receive(frame(ready));
    m.begin({ kind: 'solution', id: 's1', limitMs: 1000 }, 100);
    expect(m.candidateRan).toBe(true);
    expect(m.receive(frame(moduleOk(), 350))).toMatchObject({ type: 'module', wallMs: 250 });
  });

  it("returns a case's rows with its report, timed from begin to the report's arrival", () => {
    const m = imported();
    m.begin(caseStep(), 1000);
    expect(m.receive(frame(rows('c1', 2), 1100))).toBeNull();
    expect(m.receive(frame(rows('c1', 1), 1200))).toBeNull();
    const outcome = m.receive(frame(caseEnd('c1', 3), 1300));
    expect(outcome).toMatchObject({ type: 'case_end', wallMs: 300 });
    expect(outcome?.type === 'case_end' && outcome.rows).toEqual([
      ['a', 0],
      ['a', 1],
      ['a', 0],
    ]);
  });

  const violations: [string, (m: ProtocolMachine) => Outcome | null][] = [
    [
      'a report for a case that is not running',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive(frame(caseEnd('c2', 0)));
      },
    ],
    [
      'rows for another case',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive(frame(rows('c7', 1)));
      },
    ],
    [
      'a duplicate report',
      (m) => {
        m.begin(caseStep('c1'), 0);
        m.receive(frame(caseEnd('c1', 0)));
        return m.receive(frame(caseEnd('c1', 0)));
      },
    ],
    ['a frame after the end', (m) => m.receive(frame(caseEnd('c1', 0)))],
    ['a second module report', (m) => m.receive(frame(moduleOk()))],
    [
      'a stream step in a batch case',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive(frame({ type: 'stream_ready', id: 'c1' }));
      },
    ],
    [
      'a report whose row count differs from the rows sent',
      (m) => {
        m.begin(caseStep('c1'), 0);
        m.receive(frame(rows('c1', 2)));
        return m.receive(frame(caseEnd('c1', 5)));
      },
    ],
    [
      'an error report after rows',
      (m) => {
        m.begin(caseStep('c1'), 0);
        m.receive(frame(rows('c1', 2)));
        return m.receive(frame(caseEnd('c1', 0, 'runtime_error')));
      },
    ],
    [
      "rows of another width than the report's columns",
      (m) => {
        m.begin(caseStep('c1'), 0);
        m.receive(frame({ type: 'rows', id: 'c1', rows: [['a']] }));
        return m.receive(frame(caseEnd('c1', 1)));
      },
    ],
    [
      'the harness reporting an error',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive(frame({ type: 'harness_error', message: 'Traceback\nValueError: forged' }));
      },
    ],
    [
      'a generated-inputs frame',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive(frame({ type: 'blob', id: 'c1', path: 'x', offset: 0, data: '' }));
      },
    ],
    [
      'a bad frame',
      (m) => {
        m.begin(caseStep('c1'), 0);
        return m.receive({ kind: 'bad', detail: 'a report frame nests deeper than 64 levels', at: 0 });
      },
    ],
    [
      'a flood of frames',
      (m) => {
        m.begin(caseStep('c1', { maxRows: 1_000_000, maxOutputBytes: 1e12 }), 0);
        let last: Outcome | null = null;
        for (let i = 0; i <= MAX_FRAMES_PER_CASE && !last; i++) last = m.receive(frame(rows('c1', 0), 0, 10));
        return last;
      },
    ],
  ];
  it.each(violations)('charges %s to the candidate as a protocol violation', (_what, act) => {
    const stop = stopOf(act(imported()));
    expect(stop?.reason).toBe('protocol_violation');
    expect(stop?.detail).toMatch(/^the solution wrote to the grader's report channel \(/);
  });

  it("names the harness's own last error line in the violation", () => {
    const m = imported();
    m.begin(caseStep(), 0);
    expect(stopOf(m.receive(frame({ type: 'harness_error', message: 'Traceback\nValueError: bad input' })))?.detail).toMatch(
      /ValueError: bad input/,
    );
  });

  it.each([
    ['more rows than the cap', caseStep('c1', { maxRows: 3 }), rows('c1', 4), /more than 3 rows/],
    ['more bytes than the cap', caseStep('c1', { maxOutputBytes: 100 }), rows('c1', 1), /larger than 100 bytes/],
  ])('stops %s as output_limit', (_what, step, f, detail) => {
    const m = imported();
    m.begin(step, 0);
    const stop = stopOf(m.receive(frame(f, 0, 10_000)));
    expect(stop?.reason).toBe('output_limit');
    expect(stop?.detail).toMatch(detail);
  });

  it('stops a case at its deadline, which no frame moves', () => {
    const m = imported();
    m.begin(caseStep('c1', { limitMs: 1000 }), 5000);
    for (let t = 5100; t < 6000; t += 100) expect(m.receive(frame(rows('c1', 0), t))).toBeNull();
    expect(m.deadline()).toBe(6000);
    expect(m.expire(5999)).toBeNull();
    const stop = stopOf(m.expire(6000));
    expect(stop).toMatchObject({ reason: 'time_limit', during: { kind: 'case', id: 'c1' } });
    expect(stop?.detail).toMatch(/took longer than the time limit of 1.00 s/);
  });

  it('stops a module import at its limit', () => {
    const m = new ProtocolMachine(0, 10_000);
    m.receive(frame(ready));
    m.begin({ kind: 'solution', id: 's1', limitMs: 20_000 }, 0);
    expect(stopOf(m.expire(20_000))).toMatchObject({ reason: 'time_limit', during: { kind: 'solution', id: 's1' } });
  });

  it('charges an exit and a stderr flood to the candidate', () => {
    expect(stopOf(imported().exited(1, 'the sandbox ran out of memory'))?.reason).toBe('exited');
    expect(stopOf(imported().overflow(1, 'stderr'))?.reason).toBe('output_limit');
  });

  it('ignores everything once stopped', () => {
    const m = imported();
    m.exited(1, 'gone');
    expect(m.receive(frame(caseEnd('c1', 0)))).toBeNull();
    expect(m.expire(1e9)).toBeNull();
  });

  it("refuses to begin a step out of turn (a worker bug, not a candidate's)", () => {
    const m = imported();
    m.begin(caseStep('c1'), 0);
    expect(() => m.begin(caseStep('c2'), 0)).toThrow(/cannot begin case c2/);
    expect(() => m.begin({ kind: 'micro_batch', id: 'c1', index: 0 }, 0)).toThrow(/cannot begin micro_batch/);
  });
});

describe('ProtocolMachine on a stream case', () => {
  const streamStep = caseStep('c1', { stream: true, limitMs: 10_000 });
  function opened(): ProtocolMachine {
    const m = imported();
    m.begin(streamStep, 0);
    expect(m.receive(frame({ type: 'stream_ready', id: 'c1' }, 10))).toEqual({ type: 'stream_ready', id: 'c1' });
    return m;
  }

  it("takes micro-batches one at a time, each with its own output, on the case's one clock", () => {
    const m = opened();
    m.begin({ kind: 'micro_batch', id: 'c1', index: 0 }, 100);
    m.receive(frame(rows('c1', 2, 0), 150));
    expect(m.receive(frame({ type: 'batch_end', id: 'c1', index: 0 }, 200))).toMatchObject({
      type: 'batch_end',
      index: 0,
      rows: [
        ['a', 0],
        ['a', 1],
      ],
    });
    m.begin({ kind: 'micro_batch', id: 'c1', index: 1 }, 300);
    expect(m.receive(frame({ type: 'batch_end', id: 'c1', index: 1 }, 400))).toMatchObject({ type: 'batch_end', index: 1, rows: [] });
    m.begin({ kind: 'stream_end', id: 'c1' }, 500);
    expect(m.deadline()).toBe(10_000);
    expect(m.receive(frame(caseEnd('c1', 2), 600))).toMatchObject({ type: 'case_end', wallMs: 600 });
  });

  it('accepts a report that ends the stream early (the query failed)', () => {
    const m = opened();
    m.begin({ kind: 'micro_batch', id: 'c1', index: 0 }, 100);
    m.receive(frame(rows('c1', 1, 0)));
    expect(m.receive(frame(caseEnd('c1', 0, 'runtime_error')))).toMatchObject({ type: 'case_end' });
  });

  it.each([
    ['rows between micro-batches', (m: ProtocolMachine) => m.receive(frame(rows('c1', 1, 0)))],
    ['the end of a micro-batch never sent', (m: ProtocolMachine) => m.receive(frame({ type: 'batch_end', id: 'c1', index: 0 }))],
    [
      'rows of a future micro-batch',
      (m: ProtocolMachine) => {
        m.begin({ kind: 'micro_batch', id: 'c1', index: 0 }, 0);
        return m.receive(frame(rows('c1', 1, 1)));
      },
    ],
    [
      'rows without their micro-batch',
      (m: ProtocolMachine) => {
        m.begin({ kind: 'micro_batch', id: 'c1', index: 0 }, 0);
        return m.receive(frame(rows('c1', 1)));
      },
    ],
    ['a report between micro-batches', (m: ProtocolMachine) => m.receive(frame(caseEnd('c1', 0)))],
  ])('charges %s to the candidate', (_what, act) => {
    expect(stopOf(act(opened()))?.reason).toBe('protocol_violation');
  });
});

describe('ProtocolMachine on trusted generation', () => {
  function generating(): ProtocolMachine {
    const m = new ProtocolMachine(0, 10_000);
    m.receive(frame(ready));
    m.begin({ kind: 'generate', id: 'g1', limitMs: 5000, maxBytes: 1000 }, 0);
    return m;
  }

  it('assembles the files it declares', () => {
    const m = generating();
    m.receive(frame({ type: 'blob', id: 'g1', path: 'events/part-0.parquet', offset: 0, data: Buffer.from('abc').toString('base64') }));
    m.receive(frame({ type: 'blob', id: 'g1', path: 'events/part-0.parquet', offset: 3, data: Buffer.from('de').toString('base64') }));
    const outcome = m.receive(
      frame({ type: 'generated', id: 'g1', fingerprint: [], files: [{ path: 'events/part-0.parquet', bytes: 5 }] }, 40),
    );
    expect(outcome?.type === 'generated' && Buffer.concat(outcome.files.get('events/part-0.parquet')!).toString()).toBe('abcde');
    expect(m.candidateRan).toBe(false);
  });

  it.each([
    [
      'a file sent shorter than declared',
      (m: ProtocolMachine) => m.receive(frame({ type: 'generated', id: 'g1', fingerprint: [], files: [{ path: 'x', bytes: 5 }] })),
    ],
    ['a piece out of order', (m: ProtocolMachine) => m.receive(frame({ type: 'blob', id: 'g1', path: 'x', offset: 9, data: '' }))],
    [
      'more bytes than the cap',
      (m: ProtocolMachine) => m.receive(frame({ type: 'blob', id: 'g1', path: 'x', offset: 0, data: '' }, 0, 2000)),
    ],
    ['its time running out', (m: ProtocolMachine) => m.expire(5000)],
  ])('makes %s a grader fault', (_what, act) => {
    expect(stopOf(act(generating()))?.reason).toBe('fault');
  });
});
