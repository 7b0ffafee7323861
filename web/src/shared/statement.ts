// The challenge as both roles read it: the statement (markdown, no raw HTML), the input and
// output schemas, the public examples with their expected rows, and the limits.
import type { STREAM_BATCH_COLUMN as CORE_STREAM_BATCH_COLUMN } from '../../../core/challenge.js';
import type { ChallengeView } from '../../../core/views/challenge-view.js';
import { formatMs, h } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { renderRowsTable } from './diff-table.js';

/** core/challenge.ts's STREAM_BATCH_COLUMN, typed by it (importing core's values would bring zod into the bundle). */
const STREAM_BATCH_COLUMN: typeof CORE_STREAM_BATCH_COLUMN = 'micro_batch';

function schemaTable(columns: { name: string; type: string; nullable: boolean; description?: string }[], caption: string): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'schema-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'column'),
          h('th', { scope: 'col' }, 'type'),
          h('th', { scope: 'col' }, 'nullable'),
          h('th', { scope: 'col' }, 'meaning'),
        ),
      ),
      h(
        'tbody',
        {},
        columns.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, h('code', {}, c.name)),
            h('td', {}, c.type),
            h('td', {}, c.nullable ? 'yes' : 'no'),
            h('td', {}, c.description ?? ''),
          ),
        ),
      ),
    ),
  );
}

function inputColumns(challenge: ChallengeView, name: string): string[] {
  const input = challenge.inputs.find((i) => i.name === name);
  if (!input || input.kind === 'file') return [];
  // A stream's example rows show the micro-batch each arrives in first.
  return input.kind === 'stream' ? [STREAM_BATCH_COLUMN, ...input.columns.map((c) => c.name)] : input.columns.map((c) => c.name);
}

export function renderStatement(challenge: ChallengeView): HTMLElement {
  const outputColumns = challenge.output.columns.map((c) => c.name);
  return h(
    'div',
    { class: 'statement' },
    h(
      'h2',
      { id: 'challenge-title' },
      challenge.title,
      ' ',
      h('span', { class: `tag difficulty-${challenge.difficulty}` }, challenge.difficulty),
    ),
    // The page shows the title already; a statement that opens with it as a heading loses that line.
    renderMarkdown(challenge.statement.replace(/^#\s+(.+)\n/, (line, title: string) => (title.trim() === challenge.title ? '' : line))),
    h('h3', {}, 'Inputs'),
    challenge.inputs.map((input) =>
      input.kind !== 'file'
        ? schemaTable(
            input.columns,
            `${input.name}: ${input.kind === 'stream' ? 'streaming DataFrame (append mode; example rows show their micro_batch)' : 'DataFrame'}`,
          )
        : h('p', {}, h('code', {}, input.name), `: path of a .${input.extension} file`, input.description ? ` — ${input.description}` : ''),
    ),
    h('h3', {}, 'Output'),
    schemaTable(challenge.output.columns, 'the returned DataFrame'),
    h(
      'p',
      { class: 'muted' },
      `Rows are matched by ${challenge.output.key.join(', ')}; `,
      challenge.output.ordered ? 'row order matters.' : 'row order does not matter.',
    ),
    h('h3', {}, 'Examples'),
    challenge.publicCases.map((c) =>
      h(
        'section',
        { class: 'example', 'aria-label': `example ${c.name}` },
        h('h4', {}, c.name),
        h('p', { class: 'muted' }, c.description),
        c.generated
          ? h('p', { class: 'muted' }, 'Inputs are generated (too large to show here).')
          : Object.entries(c.inputs).map(([name, value]) =>
              Array.isArray(value)
                ? renderRowsTable(value as Record<string, unknown>[], inputColumns(challenge, name), `input ${name}`)
                : h('details', {}, h('summary', {}, `input ${name} (file)`), h('pre', {}, String(value))),
            ),
        c.expected ? renderRowsTable(c.expected, outputColumns, 'expected output') : null,
      ),
    ),
    h('h3', {}, 'Grading'),
    h(
      'ul',
      { class: 'grading-notes' },
      h('li', {}, 'Run checks your code against the examples above and shows a diff.'),
      h(
        'li',
        {},
        `Submit also runs ${challenge.hiddenCaseCount} hidden case${challenge.hiddenCaseCount === 1 ? '' : 's'} (pass or fail shown).`,
      ),
      h(
        'li',
        {},
        `Time limit ${formatMs(challenge.limits.caseTimeLimitMs)} per case; timed cases must stay within ${challenge.timing.budgetRatio}× the reference solution's time.`,
      ),
    ),
  );
}
