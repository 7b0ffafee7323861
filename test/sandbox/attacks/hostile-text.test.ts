// Attack: text meant to harm whoever reads it, through every way candidate text leaves the
// sandbox: terminal escapes (clear screen, set the window title, bell), a bidirectional override,
// lone surrogates (no UTF-8 can hold them) and bytes that are not UTF-8, in print() output, in
// an exception's message, in the answer's rows, and escaped straight into a forged report frame.
// Must happen: honest paths keep the candidate's text as data, well-formed (a lone surrogate or
// bad byte becomes a replacement character, never a crash of the harness or a frame blamed on
// the candidate), and the verdict is the one the solution earned; a forged frame that escapes a
// lone surrogate is a bad frame (runtime_error naming the report channel), so no ill-formed
// string reaches Redis, logs or pages. The container is removed. (The CLI's table shows such
// text as visible escapes: test/cli/grade-cli.test.ts.)
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../core/grade-result.js';
import { useTestGrader } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

const grader = useTestGrader();

/** Python source for the hostile text: escapes, a bidi override, a lone surrogate pair-half. */
const HOSTILE = String.raw`"\x1b[2J\x1b]0;owned\x07 \u202eevil \udc80"`;

const printsAndRaises = `import sys
def solve(spark, numbers):
    print("said:", ${HOSTILE})
    sys.stdout.write("wrote: \\udcff\\n")
    raise ValueError("failed: " + ${HOSTILE})
`;

/** Every piece of candidate text in a result: each case's stdout, message and diff cells. */
function candidateText(result: GradeResult): string[] {
  return result.cases.flatMap((c) => [c.stdout, c.message ?? '', JSON.stringify(c.diff ?? null)]);
}

const wellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

describe('hostile text', () => {
  it("keeps print() output and an exception's message as well-formed data, with the verdict earned", async () => {
    const result = await grader().grade('group-sum', printsAndRaises, 'public');
    expect(result.verdict).toBe('runtime_error');
    const [basic] = result.cases;
    expect(basic!.stdout).toBe('said: \u001b[2J\u001b]0;owned\u0007 \u202eevil ?\nwrote: ?\n');
    expect(basic!.message).toContain('ValueError: failed: \u001b[2J\u001b]0;owned\u0007 \u202eevil ?');
    expect(basic!.message).not.toMatch(/report channel/);
    expect(candidateText(result).every(wellFormed)).toBe(true);
    expect(await grader().leftoverContainers()).toEqual([]);
  });

  it('keeps escapes and bytes that are not UTF-8 in the rows as data of a wrong answer', async () => {
    const code = `from pyspark.sql import functions as F
def solve(spark, numbers):
    total = numbers.groupBy("grp").agg(F.sum("n").alias("total"))
    return total.withColumn("grp", F.concat(F.lit("\\x1b[2J"), F.col("grp"), F.unhex(F.lit("FFFE")).cast("string")))
`;
    const result = await grader().grade('group-sum', code, 'public');
    expect(result.verdict).toBe('wrong_answer');
    const unexpected = result.cases[0]!.diff?.unexpected.map((row) => row.grp);
    expect(unexpected?.sort()).toEqual(['"\\u001b[2Ja\ufffd\ufffd"', '"\\u001b[2Jb\ufffd\ufffd"']);
    expect(candidateText(result).every(wellFormed)).toBe(true);
  });

  it('takes a forged frame that escapes a lone surrogate as a bad frame', async () => {
    const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    write_raw(b'{"type":"harness_error","message":"\\\\ud800 forged"}\\n')
    return total(numbers)
`;
    const result = await grader().grade('group-sum', code, 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/report channel \(a report frame escapes a lone surrogate \(not Unicode text\)\)/);
    expect(candidateText(result).every(wellFormed)).toBe(true);
    expect(await grader().leftoverContainers()).toEqual([]);
  });
});
