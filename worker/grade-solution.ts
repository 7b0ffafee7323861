// Grades one solution of one challenge: the story every path (CLI, queue worker, tests) tells.
// Candidate outcomes come back as a GradeResult; grader faults are thrown as GraderFault.
import type Docker from 'dockerode';
import type { GradedCase } from '../core/grade-run.js';
import { gradeRun } from '../core/grade-run.js';
import type { GradeResult } from '../core/grade-result.js';
import { createHash } from 'node:crypto';
import type { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { Challenge, ChallengeCase } from '../core/load-challenge.js';
import type { HarnessFrame } from '../core/run-report.js';
import { buildBundle, type MetamorphicVariant } from './build-bundle.js';
import type { SandboxConfig } from './config.js';
import type { ReferenceStore } from './reference-store.js';
import { runSandbox } from './run-sandbox.js';
import { sandboxRequest } from './sandbox-request.js';

export interface GraderDeps {
  docker: Docker;
  config: SandboxConfig;
  /** The sandbox image reference to run. */
  image: string;
  challenges: ChallengeCatalog;
  references: ReferenceStore;
}

export interface GradeRequest {
  challenge: Challenge;
  code: string;
  /** `public`: public cases only (Run); `all`: every case (Submit). */
  scope: 'public' | 'all';
  /** Extra container labels (e.g. the job id), added to the sandbox label. */
  labels?: Record<string, string>;
  /** Live progress: every harness frame as it arrives. */
  onFrame?: (frame: HarnessFrame) => void;
}

/** Partitions a metamorphic variant spreads its shuffled rows over (the plain run uses 2). */
const VARIANT_PARTITIONS = 3;

/**
 * Hidden hand-written cases run a second time with their rows shuffled (seeded by the case name,
 * so a grade is reproducible) over another number of partitions: a solution whose answer
 * depends on input order or partitioning shows it there.
 */
export function metamorphicVariants(cases: ChallengeCase[]): MetamorphicVariant[] {
  return cases.filter((c) => c.hidden && c.expectedFile).map((c) => ({
    of: c.name,
    name: `${c.name}--shuffled`,
    seed: createHash('sha256').update(c.name).digest().readUInt32BE(0),
    partitions: VARIANT_PARTITIONS,
  }));
}

export async function gradeSolution(deps: GraderDeps, request: GradeRequest): Promise<GradeResult> {
  const { challenge } = request;
  const cases = challenge.cases.filter((c) => request.scope === 'all' || !c.hidden);
  const needsReference = cases.some((c) => c.spec.timed || !c.expectedFile);
  const reference = needsReference ? await deps.references.get(challenge) : null;
  const expected = await deps.references.expectedTables(challenge, reference, cases.map((c) => c.name));
  const variants = request.scope === 'all' ? metamorphicVariants(cases) : [];
  const bundle = await buildBundle(challenge, cases, request.code, { maxStdoutBytes: deps.config.GRADER_MAX_STDOUT_BYTES, variants });
  const run = await runSandbox(deps.docker, {
    ...sandboxRequest(deps.config, deps.image, challenge, bundle, request.labels ?? {}),
    onFrame: request.onFrame,
  });
  const graded: GradedCase[] = cases.map((c) => ({
    name: c.name,
    hidden: c.hidden,
    description: c.spec.description,
    timed: c.spec.timed,
    expected: expected.get(c.name)!,
    referenceTimeMs: reference?.cases[c.name]?.timeMs ?? null,
    referencePlanInsights: reference?.cases[c.name]?.planInsights,
    variant: variants.find((v) => v.of === c.name),
  }));
  return gradeRun({ challengeId: challenge.id, spec: challenge.spec, scope: request.scope, cases: graded, run });
}
