// The numbered rules of a challenge statement: the items of its `## Rules` section, each a
// numbered list item that starts with a bold title (`3. **Header.** The first line ...`), as the
// hidden cases' `rules: [3]` name them. Pure: the statement's text in, rules and problems out.

/** One rule of the statement. */
export interface StatementRule {
  /** Its number in the list (1, 2, ...), as a case's `rules` names it. */
  number: number;
  /** Its bold title without the closing period (`Header`). */
  title: string;
}

export interface StatementRules {
  rules: StatementRule[];
  /** What keeps the section from being read as numbered rules, one sentence each; empty when it reads. */
  problems: string[];
}

const SECTION = /^##\s+Rules\s*$/;
const NEXT_SECTION = /^#{1,2}\s/;
/** A numbered item with its bold title: `3. **Header.** text` (the title's period may sit inside or after the bold). */
const RULE = /^(\d+)\.\s+\*\*(.+?)\*\*/;
const NUMBERED = /^\d+\.\s/;
const BULLET = /^[-*+]\s/;

/** The rules of the `## Rules` section (up to the next `#` or `##` heading), and what is wrong with it. */
export function parseStatementRules(statement: string): StatementRules {
  const lines = statement.split('\n');
  const start = lines.findIndex((line) => SECTION.test(line));
  if (start < 0) return { rules: [], problems: ['statement.md has no `## Rules` section'] };
  const rules: StatementRule[] = [];
  const problems: string[] = [];
  let fence = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) fence = !fence;
    if (fence) continue;
    if (NEXT_SECTION.test(line)) break;
    const where = `statement.md:${i + 1}`;
    const rule = RULE.exec(line);
    if (rule) {
      const number = Number(rule[1]);
      const title = rule[2]!.trim().replace(/[.:]$/, '').trim();
      const expected = (rules.at(-1)?.number ?? 0) + 1;
      if (number !== expected)
        problems.push(`${where}: rule ${number} comes where rule ${expected} should (rules are numbered 1, 2, 3, ... in order)`);
      if (title === '') problems.push(`${where}: rule ${number} has an empty title`);
      rules.push({ number, title });
    } else if (NUMBERED.test(line)) {
      problems.push(`${where}: a numbered rule must start with a bold title (\`N. **Title.** ...\`)`);
    } else if (BULLET.test(line)) {
      problems.push(`${where}: a bullet in the Rules section; rules are numbered (\`N. **Title.** ...\`)`);
    }
  }
  if (rules.length === 0 && problems.length === 0) problems.push('the `## Rules` section lists no numbered rule (`1. **Title.** ...`)');
  return { rules, problems };
}
