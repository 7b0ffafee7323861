import { describe, expect, it } from 'vitest';
import { parseStatementRules } from './statement-rules.js';

const statement = (rules: string): string =>
  `# Title\n\nIntro.\n\n## Rules\n\n${rules}\n\n## Example\n\n1. **Not a rule.** After the section.\n`;

describe('parseStatementRules', () => {
  it('reads each numbered item of the Rules section with its bold title, continuation lines and all', () => {
    const parsed = parseStatementRules(
      statement(
        [
          '1. **Blank lines.** A line that is empty is ignored,',
          '   wherever it is.',
          '2. **Header**: the first line.',
          '   - a sub-bullet of rule 2',
          '3. **`updated_at` does not order changes.** Clocks are skewed.',
          '',
          'A paragraph between rules.',
          '',
          '10. **Counting.** Ten is numbered out of order here.',
        ].join('\n'),
      ),
    );
    expect(parsed.rules).toEqual([
      { number: 1, title: 'Blank lines' },
      { number: 2, title: 'Header' },
      { number: 3, title: '`updated_at` does not order changes' },
      { number: 10, title: 'Counting' },
    ]);
    expect(parsed.problems).toEqual(['statement.md:15: rule 10 comes where rule 4 should (rules are numbered 1, 2, 3, ... in order)']);
  });

  it('stops at the next section and skips fenced code', () => {
    const parsed = parseStatementRules(statement('1. **One.** Text.\n\n```\n- not a bullet\n## not a heading\n```\n2. **Two.** Text.'));
    expect(parsed).toEqual({
      rules: [
        { number: 1, title: 'One' },
        { number: 2, title: 'Two' },
      ],
      problems: [],
    });
  });

  it.each([
    { what: 'no Rules section', text: '# Title\n\n## Output\n\n1. **One.** x\n', problem: 'statement.md has no `## Rules` section' },
    {
      what: 'an empty Rules section',
      text: statement('Only words.'),
      problem: 'the `## Rules` section lists no numbered rule (`1. **Title.** ...`)',
    },
    {
      what: 'bullets instead of numbers',
      text: statement('- A delivery more than 2 hours late is ignored.'),
      problem: 'statement.md:7: a bullet in the Rules section; rules are numbered (`N. **Title.** ...`)',
    },
    {
      what: 'a numbered item without a bold title',
      text: statement('1. A line that is empty is ignored.'),
      problem: 'statement.md:7: a numbered rule must start with a bold title (`N. **Title.** ...`)',
    },
    {
      what: 'a number used twice',
      text: statement('1. **One.** x\n1. **Again.** y'),
      problem: 'statement.md:8: rule 1 comes where rule 2 should (rules are numbered 1, 2, 3, ... in order)',
    },
  ])('reports $what', ({ text, problem }) => {
    expect(parseStatementRules(text).problems).toContain(problem);
  });
});
