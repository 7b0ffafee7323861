// What both roles see of a challenge: statement, starter, and the public cases' data. Never the
// reference or hidden data.
import { readFile } from 'node:fs/promises';
import { CUSTOM_INPUT_MAX_FILE_BYTES, CUSTOM_INPUT_MAX_MICRO_BATCH, CUSTOM_INPUT_MAX_ROWS } from '../core/custom-input.js';
import type { Challenge } from '../core/load-challenge.js';
import type { ChallengeView, PublicCaseView } from '../core/views/challenge-view.js';

const MAX_SHOWN_FILE_BYTES = 64 * 1024;

export async function challengeView(challenge: Challenge): Promise<ChallengeView> {
  const readRows = async (file: string): Promise<Record<string, unknown>[]> =>
    (await readFile(file, 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const publicCases = await Promise.all(
    challenge.cases
      .filter((c) => !c.hidden)
      .map(async (c): Promise<PublicCaseView> => {
        const inputs: PublicCaseView['inputs'] = {};
        for (const input of challenge.spec.inputs) {
          const file = c.inputFiles[input.name];
          if (!file) continue;
          inputs[input.name] = input.kind !== 'file' ? await readRows(file) : (await readFile(file, 'utf8')).slice(0, MAX_SHOWN_FILE_BYTES);
        }
        return {
          name: c.name,
          description: c.spec.description,
          generated: c.spec.generator !== undefined,
          inputs,
          expected: c.expectedFile ? await readRows(c.expectedFile) : null,
        };
      }),
  );
  const { spec } = challenge;
  return {
    id: challenge.id,
    title: spec.title,
    difficulty: spec.difficulty,
    summary: spec.summary,
    entrypoint: spec.entrypoint,
    inputs: spec.inputs,
    output: spec.output,
    limits: spec.limits,
    timing: spec.timing,
    statement: challenge.statement,
    starter: challenge.starter,
    publicCases,
    hiddenCaseCount: challenge.cases.filter((c) => c.hidden).length,
    customInput: spec.customInput
      ? { maxRows: CUSTOM_INPUT_MAX_ROWS, maxFileBytes: CUSTOM_INPUT_MAX_FILE_BYTES, maxMicroBatch: CUSTOM_INPUT_MAX_MICRO_BATCH }
      : null,
  };
}
