// The worker's side of the sandbox protocol as a pure state machine: the runner tells it which
// step it started (and when), feeds it every frame event and the time, and gets back what
// happened. The worker decides what runs when; a frame is accepted only if it is the one the
// current step expects, so a frame for a case that is not running, a duplicate, a frame out of
// order or after the end, or one claiming a step the worker never asked for stops the run.
// Whose fault a stop is follows one rule: before the candidate's code first ran, anything the
// sandbox does wrong is a grader fault; from then on it is the candidate's. Clocks are armed
// only by `begin`; no frame can reset, extend or stop one.
import type { CaseEndFrame, GeneratedFrame, ModuleFrame, ReadyFrame, SandboxFrame } from '../../core/run-report.js';
import type { JsonValue } from '../../core/table.js';
import { formatMs } from '../../core/timing.js';
import type { FrameEvent } from './frame-reader.js';

export type StopReason =
  /** A step's clock ran out (the candidate's import or case limit). */
  | 'time_limit'
  /** The sandbox sent more output than a cap allows (rows, bytes, the report stream, stderr). */
  | 'output_limit'
  /** After the candidate's code ran, the sandbox broke the protocol. */
  | 'protocol_violation'
  /** The container exited by itself while a step was running. */
  | 'exited'
  /** A grader fault: Spark did not start, or the harness broke the protocol before any candidate code ran. */
  | 'fault';

export interface Stop {
  reason: StopReason;
  /** In words, for the verdict's message (or the fault's). */
  detail: string;
  at: number;
  /** The step running when the run stopped, if any. */
  during?: { kind: Step['kind']; id: string };
}

export type Step =
  | { kind: 'solution'; id: string; limitMs: number }
  | { kind: 'case'; id: string; limitMs: number; stream: boolean; maxRows: number; maxOutputBytes: number }
  /** A stream case's next micro-batch; runs on its case's clock. */
  | { kind: 'micro_batch'; id: string; index: number }
  | { kind: 'stream_end'; id: string }
  /** Trusted generation of a case's inputs (no candidate code). */
  | { kind: 'generate'; id: string; limitMs: number; maxBytes: number };

export type Outcome =
  | { type: 'ready'; frame: ReadyFrame; at: number }
  | { type: 'module'; frame: ModuleFrame; wallMs: number }
  | { type: 'stream_ready'; id: string }
  | { type: 'batch_end'; id: string; index: number; rows: JsonValue[][] }
  /** `wallMs`: from the worker starting the case to its report arriving, the worker's clock. */
  | { type: 'case_end'; frame: CaseEndFrame; rows: JsonValue[][]; wallMs: number }
  | { type: 'generated'; frame: GeneratedFrame; files: Map<string, Buffer[]>; wallMs: number }
  | { type: 'stopped'; stop: Stop };

/** Most frames one case may send (its rows come in pieces of about half a MiB). */
export const MAX_FRAMES_PER_CASE = 20_000;
/** Per-frame envelope bytes allowed on top of a case's output byte cap. */
const FRAME_OVERHEAD_BYTES = 256;

interface CaseState {
  kind: 'case';
  id: string;
  stream: boolean;
  startedAt: number;
  deadline: number;
  /** What the case waits for: its report, the stream's start, a micro-batch's output, nothing (between micro-batches), the stream's end. */
  awaiting: { on: 'result' } | { on: 'stream_ready' } | { on: 'batch'; index: number } | { on: 'between' } | { on: 'end' };
  rows: JsonValue[][];
  batchRows: JsonValue[][];
  outputBytes: number;
  frames: number;
  maxRows: number;
  maxOutputBytes: number;
}

type Phase =
  | { kind: 'starting'; deadline: number }
  | { kind: 'idle' }
  | { kind: 'module'; id: string; startedAt: number; deadline: number }
  | CaseState
  | {
      kind: 'generate';
      id: string;
      startedAt: number;
      deadline: number;
      files: Map<string, Buffer[]>;
      sizes: Map<string, number>;
      bytes: number;
      maxBytes: number;
    }
  | { kind: 'stopped'; stop: Stop };

export class ProtocolMachine {
  private phase: Phase;
  /** True from the moment the candidate's module is sent: from then on the sandbox is the candidate's. */
  candidateRan = false;

  constructor(now: number, startupTimeoutMs: number) {
    this.phase = { kind: 'starting', deadline: now + startupTimeoutMs };
  }

  get stopped(): Stop | null {
    return this.phase.kind === 'stopped' ? this.phase.stop : null;
  }

  get idle(): boolean {
    return this.phase.kind === 'idle';
  }

  /** When the current step's clock runs out, if one is running. */
  deadline(): number | null {
    const p = this.phase;
    return p.kind === 'starting' || p.kind === 'module' || p.kind === 'case' || p.kind === 'generate' ? p.deadline : null;
  }

  /** The runner is about to send the command of `step` (payload included) at `now`. */
  begin(step: Step, now: number): void {
    const p = this.phase;
    if (p.kind === 'stopped') throw new Error(`cannot begin ${step.kind} ${step.id}: the run has stopped`);
    if (step.kind === 'micro_batch' || step.kind === 'stream_end') {
      if (p.kind !== 'case' || p.id !== step.id || !p.stream || p.awaiting.on !== 'between') {
        throw new Error(`cannot begin ${step.kind} ${step.id} now (${this.describe()})`);
      }
      p.awaiting = step.kind === 'micro_batch' ? { on: 'batch', index: step.index } : { on: 'end' };
      p.batchRows = [];
      return;
    }
    if (p.kind !== 'idle') throw new Error(`cannot begin ${step.kind} ${step.id} now (${this.describe()})`);
    switch (step.kind) {
      case 'solution':
        this.candidateRan = true;
        this.phase = { kind: 'module', id: step.id, startedAt: now, deadline: now + step.limitMs };
        return;
      case 'case':
        this.phase = {
          kind: 'case',
          id: step.id,
          stream: step.stream,
          startedAt: now,
          deadline: now + step.limitMs,
          awaiting: step.stream ? { on: 'stream_ready' } : { on: 'result' },
          rows: [],
          batchRows: [],
          outputBytes: 0,
          frames: 0,
          maxRows: step.maxRows,
          maxOutputBytes: step.maxOutputBytes,
        };
        return;
      case 'generate':
        this.phase = {
          kind: 'generate',
          id: step.id,
          startedAt: now,
          deadline: now + step.limitMs,
          files: new Map(),
          sizes: new Map(),
          bytes: 0,
          maxBytes: step.maxBytes,
        };
    }
  }

  /** A frame event from the reader. */
  receive(event: FrameEvent): Outcome | null {
    if (this.phase.kind === 'stopped') return null;
    if (event.kind === 'over_cap')
      return this.stop(
        'output_limit',
        `the sandbox sent more than ${event.totalBytes - 1} bytes on its report stream (GRADER_MAX_REPORT_BYTES)`,
        event.at,
      );
    if (event.kind === 'bad') return this.violation(event.detail, event.at);
    return this.frame(event.frame, event.bytes, event.at);
  }

  /** The runner's clock: stops the run when the current step's time is up. */
  expire(now: number): Outcome | null {
    const p = this.phase;
    const deadline = this.deadline();
    if (deadline === null || now < deadline) return null;
    switch (p.kind) {
      case 'starting':
        return this.stop('fault', 'Spark did not start in the sandbox in time (GRADER_SANDBOX_STARTUP_TIMEOUT_MS)', now);
      case 'module':
        return this.stop('time_limit', `importing solution.py took longer than ${formatMs(p.deadline - p.startedAt)}`, now);
      case 'case':
        return this.stop('time_limit', `took longer than the time limit of ${formatMs(p.deadline - p.startedAt)} and was stopped`, now);
      case 'generate':
        return this.stop('fault', `generating the case's inputs took longer than ${formatMs(p.deadline - p.startedAt)}`, now);
      default:
        return null;
    }
  }

  /** The container exited by itself (not killed by the runner). */
  exited(now: number, detail: string): Outcome | null {
    if (this.phase.kind === 'stopped') return null;
    if (!this.candidateRan || this.phase.kind === 'generate')
      return this.stop('fault', `the sandbox exited before it was asked to (${detail})`, now);
    return this.stop('exited', detail, now);
  }

  /** A cap outside the report stream was passed (stderr). */
  overflow(now: number, detail: string): Outcome | null {
    if (this.phase.kind === 'stopped') return null;
    return this.candidateRan && this.phase.kind !== 'generate' ? this.stop('output_limit', detail, now) : this.stop('fault', detail, now);
  }

  private frame(frame: SandboxFrame, bytes: number, at: number): Outcome | null {
    const p = this.phase;
    if (frame.type === 'harness_error') {
      const first = frame.message.trim().split('\n').slice(-1)[0]?.slice(0, 500) ?? '';
      return this.violation(`the harness reported an error: ${first}`, at);
    }
    switch (p.kind) {
      case 'starting':
        if (frame.type !== 'ready') return this.violation(`a ${frame.type} frame before the sandbox was ready`, at);
        this.phase = { kind: 'idle' };
        return { type: 'ready', frame, at };
      case 'idle':
        return this.violation(`a ${frame.type} frame while no step was running`, at);
      case 'module':
        if (frame.type !== 'module' || frame.id !== p.id) return this.violation(this.unexpected(frame, `the module report of ${p.id}`), at);
        this.phase = { kind: 'idle' };
        return { type: 'module', frame, wallMs: at - p.startedAt };
      case 'case':
        return this.caseFrame(p, frame, bytes, at);
      case 'generate':
        return this.generateFrame(p, frame, bytes, at);
      case 'stopped':
        return null;
    }
  }

  private caseFrame(p: CaseState, frame: SandboxFrame, bytes: number, at: number): Outcome | null {
    const wants = p.awaiting;
    if (!('id' in frame) || frame.id !== p.id) return this.violation(this.unexpected(frame, `a frame of ${p.id}`), at);
    p.frames += 1;
    if (p.frames > MAX_FRAMES_PER_CASE) return this.violation(`more than ${MAX_FRAMES_PER_CASE} frames for one case`, at);
    if (wants.on === 'between') return this.violation(`a ${frame.type} frame between two micro-batches`, at);
    switch (frame.type) {
      case 'rows': {
        const batchOk = wants.on === 'batch' ? frame.batch === wants.index : wants.on === 'result' && frame.batch === undefined;
        if (!batchOk)
          return this.violation(
            `rows for ${frame.batch === undefined ? 'a batch case' : `micro-batch ${frame.batch}`} while ${this.describe()}`,
            at,
          );
        p.outputBytes += bytes;
        const rows = frame.rows as JsonValue[][];
        if (p.rows.length + rows.length > p.maxRows) return this.stop('output_limit', `the output has more than ${p.maxRows} rows`, at);
        if (p.outputBytes > p.maxOutputBytes + FRAME_OVERHEAD_BYTES * p.frames)
          return this.stop('output_limit', `the output is larger than ${p.maxOutputBytes} bytes`, at);
        for (const row of rows) p.rows.push(row);
        if (wants.on === 'batch') for (const row of rows) p.batchRows.push(row);
        return null;
      }
      case 'stream_ready':
        if (wants.on !== 'stream_ready') return this.violation(`a stream_ready frame while ${this.describe()}`, at);
        p.awaiting = { on: 'between' };
        return { type: 'stream_ready', id: p.id };
      case 'batch_end': {
        if (wants.on !== 'batch' || frame.index !== wants.index)
          return this.violation(`the end of micro-batch ${frame.index} while ${this.describe()}`, at);
        const rows = p.batchRows;
        p.batchRows = [];
        p.awaiting = { on: 'between' };
        return { type: 'batch_end', id: p.id, index: frame.index, rows };
      }
      case 'case_end': {
        const problem = reportProblem(frame, p.rows, p.stream);
        if (problem) return this.violation(problem, at);
        this.phase = { kind: 'idle' };
        return { type: 'case_end', frame, rows: p.rows, wallMs: at - p.startedAt };
      }
      default:
        return this.violation(this.unexpected(frame, `a frame of case ${p.id}`), at);
    }
  }

  private generateFrame(p: Extract<Phase, { kind: 'generate' }>, frame: SandboxFrame, bytes: number, at: number): Outcome | null {
    if (!('id' in frame) || frame.id !== p.id) return this.violation(this.unexpected(frame, `a frame of ${p.id}`), at);
    if (frame.type === 'blob') {
      const data = Buffer.from(frame.data, 'base64');
      const offset = p.sizes.get(frame.path) ?? 0;
      if (frame.offset !== offset) return this.violation(`a piece of ${frame.path} at byte ${frame.offset}, expected ${offset}`, at);
      p.bytes += bytes;
      if (p.bytes > p.maxBytes) return this.stop('fault', `the generated inputs are larger than ${p.maxBytes} bytes`, at);
      const pieces = p.files.get(frame.path) ?? [];
      pieces.push(data);
      p.files.set(frame.path, pieces);
      p.sizes.set(frame.path, offset + data.length);
      return null;
    }
    if (frame.type !== 'generated') return this.violation(this.unexpected(frame, `the generated inputs of ${p.id}`), at);
    const declared = new Map(frame.files.map((f) => [f.path, f.bytes]));
    const mismatch = [...new Set([...declared.keys(), ...p.sizes.keys()])].find((path) => declared.get(path) !== p.sizes.get(path));
    if (mismatch !== undefined)
      return this.violation(
        `generated file ${mismatch} was declared with ${declared.get(mismatch)} bytes, sent with ${p.sizes.get(mismatch) ?? 0}`,
        at,
      );
    this.phase = { kind: 'idle' };
    return { type: 'generated', frame, files: p.files, wallMs: at - p.startedAt };
  }

  private unexpected(frame: SandboxFrame, wanted: string): string {
    const id = 'id' in frame ? ` for ${frame.id}` : '';
    return `a ${frame.type} frame${id} where the grader expected ${wanted}`;
  }

  private describe(): string {
    const p = this.phase;
    if (p.kind !== 'case') return p.kind;
    const w = p.awaiting;
    return `case ${p.id} is ${w.on === 'batch' ? `running micro-batch ${w.index}` : w.on === 'between' ? 'between micro-batches' : `waiting for its ${w.on === 'result' ? 'report' : w.on}`}`;
  }

  private violation(detail: string, at: number): Outcome {
    if (!this.candidateRan || this.phase.kind === 'generate')
      return this.stop('fault', `the harness broke the report protocol: ${detail}`, at);
    return this.stop('protocol_violation', `the solution wrote to the grader's report channel (${detail})`, at);
  }

  private stop(reason: StopReason, detail: string, at: number): Outcome {
    const p = this.phase;
    const during =
      p.kind === 'module' || p.kind === 'case' || p.kind === 'generate'
        ? { kind: p.kind === 'module' ? ('solution' as const) : p.kind, id: p.id }
        : undefined;
    const stop: Stop = { reason, detail, at, ...(during ? { during } : {}) };
    this.phase = { kind: 'stopped', stop };
    return { type: 'stopped', stop };
  }
}

/** Why a case report cannot be true of the rows that came with it, or null. */
function reportProblem(frame: CaseEndFrame, rows: JsonValue[][], stream: boolean): string | null {
  // A stream may fail after earlier micro-batches sent their output; a batch case sends rows only when ok.
  if (frame.status !== 'ok')
    return rows.length > 0 && !stream && frame.status !== 'output_limit_exceeded'
      ? `a ${frame.status} report after ${rows.length} rows`
      : null;
  if (!frame.columns) return 'a case report without its columns';
  if (frame.rowCount !== rows.length) return `a case report of ${frame.rowCount ?? 'no'} rows after ${rows.length} rows were sent`;
  const width = frame.columns.length;
  if (rows.some((row) => row.length !== width)) return `rows that do not have the report's ${width} columns`;
  return null;
}
