// A submission as stored (a Redis hash: every field a string) and the live events about it that
// cross Redis channels to the server's event streams.
import { z } from 'zod';
import { CustomInputSchema, type CustomInput } from './custom-input.js';
import { GradeResultSchema, type GradeResult } from './grade-result.js';
import { SubmissionStatusSchema, VerdictSchema } from './verdict.js';

export const SubmissionKindSchema = z.enum(['run', 'submit']);
export type SubmissionKind = z.infer<typeof SubmissionKindSchema>;

const optionalNumber = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s === '' ? null : Number(s)));
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s === '' ? null : s));

/** A submission as stored (a Redis hash: every field a string). */
export const SubmissionOriginSchema = z.enum(['candidate', 'interview_end']);
export type SubmissionOrigin = z.infer<typeof SubmissionOriginSchema>;

export const SubmissionRecordSchema = z.object({
  id: z.string(),
  interviewId: z.string(),
  challengeId: z.string(),
  /** `run`: public cases only; `submit`: every case. */
  kind: SubmissionKindSchema,
  code: z.string(),
  status: SubmissionStatusSchema,
  /** Accepted at, in milliseconds since the epoch. */
  createdAtMs: z.coerce.number(),
  /** Last claim by a worker, in milliseconds since the epoch. */
  startedAtMs: optionalNumber,
  /** Result or system_error written, in milliseconds since the epoch. */
  finishedAtMs: optionalNumber,
  /** Times a worker claimed it (more than one: a retry or a dead worker). */
  attempts: z.coerce.number().int().default(0),
  casesDone: z.coerce.number().int().default(0),
  casesTotal: z.coerce.number().int().default(0),
  verdict: z
    .string()
    .optional()
    .transform((s) => (s ? VerdictSchema.parse(s) : null)),
  result: z
    .string()
    .optional()
    .transform((s): GradeResult | null => (s ? GradeResultSchema.parse(JSON.parse(s)) : null)),
  /** Grader fault behind a system_error, for the interviewer and the log. */
  error: optionalString,
  /** `interview_end`: the candidate's last saved draft, submitted by the server when the interview ended. */
  origin: SubmissionOriginSchema.default('candidate'),
  /** A Run on the candidate's own rows instead of the public cases (JSON; validated when accepted). */
  customInput: z
    .string()
    .optional()
    .transform((s): CustomInput | null => (s ? CustomInputSchema.parse(JSON.parse(s)) : null)),
  /** The candidate asked to stop this running Run; the worker grading it stops its sandbox. */
  cancelRequested: z
    .string()
    .optional()
    .transform((s) => s === '1'),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecordSchema>;

/**
 * A case finished. Built by the worker from its own case list (never from sandbox output);
 * `caseName` is the challenge's case name, which the server shows the candidate only for
 * public cases (hidden ones as `hidden <n>`, unless the challenge shows their names).
 */
export const ProgressEventSchema = z.object({
  type: z.literal('progress'),
  submissionId: z.string(),
  /** The submission's challenge (whose case names these are). */
  challengeId: z.string(),
  caseName: z.string(),
  hidden: z.boolean(),
  /** Cases finished so far. */
  casesDone: z.number().int().nonnegative(),
  /** Cases the grade runs in all. */
  casesTotal: z.number().int().nonnegative(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** What crosses the live channels; the server re-reads the record and filters it per role. */
export const LiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), submissionId: z.string(), status: SubmissionStatusSchema }),
  ProgressEventSchema,
  /** The interview changed: its clock started, was extended or ended, or the candidate moved to another challenge. */
  z.object({ type: z.literal('interview'), interviewId: z.string() }),
  /** The candidate's draft of a challenge was saved (the live follow); `activity`: an edit, or the batch's last signal. */
  z.object({
    type: z.literal('draft'),
    interviewId: z.string(),
    challengeId: z.string(),
    updatedAtMs: z.number(),
    activity: z.enum(['edit', 'paste', 'blur', 'focus', 'hidden', 'visible']).nullable(),
  }),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
