// The challenge as both roles read it: the statement (markdown, no raw HTML), the input and
// output schemas, the public examples with their expected rows, and the limits. Each schema is
// shown once: where the statement's markdown has a table of the same columns, the generated one
// (types and nullability from challenge.yaml, what grading checks) takes its place, keeping the
// author's words for each column; the schemas the markdown lacks follow it. Tables scroll inside
// their own box, so a wide or long one never widens the page.
import type { STREAM_BATCH_COLUMN as CORE_STREAM_BATCH_COLUMN } from '../../../core/challenge.js';
import type { ChallengeView } from '../../../core/views/challenge-view.js';
import { formatMs, h } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { renderRowsTable } from './diff-table.js';

/** core/challenge.ts's STREAM_BATCH_COLUMN, typed by it (importing core's values would bring zod into the bundle). */
const STREAM_BATCH_COLUMN: typeof CORE_STREAM_BATCH_COLUMN = 'micro_batch';

type Column = { name: string; type: string; nullable: boolean; description?: string };
type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface StatementOptions {
  /** The level of the challenge's title; the statement's own headings go below it. Default 2. */
  titleLevel?: 1 | 2 | 3;
}

function heading(level: number, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  return h(`h${Math.min(level, 6) as HeadingLevel}`, attrs, ...children);
}

function scrollBox(table: HTMLElement): HTMLElement {
  return h('div', { class: 'table-scroll' }, table);
}

/** `meanings`: the statement's own words for a column, used instead of challenge.yaml's description. */
function schemaTable(columns: Column[], caption: string, meanings = new Map<string, Node[]>()): HTMLElement {
  return scrollBox(
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
            h('td', { class: 'meaning' }, meanings.get(c.name) ?? c.description ?? ''),
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

interface Schema {
  columns: Column[];
  caption: string;
  /** Where the markdown had it; null: shown after the markdown. */
  placed: HTMLElement | null;
}

/**
 * Replaces each markdown table that lists exactly one schema's columns (a first header cell
 * `column`) with that schema's generated table, and wraps every other table in a scroll box.
 */
function placeSchemas(markdown: HTMLElement, schemas: Schema[]): void {
  for (const table of [...markdown.querySelectorAll('table')]) {
    const header = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim().toLowerCase() ?? '');
    const rows = [...table.querySelectorAll('tbody tr')];
    const names = rows.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? '');
    const same = (s: Schema): boolean =>
      s.placed === null && s.columns.length === names.length && s.columns.every((c) => names.includes(c.name));
    const schema = header[0] === 'column' ? schemas.find(same) : undefined;
    if (!schema) {
      table.replaceWith(scrollBox(table.cloneNode(true) as HTMLElement));
      continue;
    }
    const meaningAt = header.indexOf('meaning');
    const meanings = new Map<string, Node[]>();
    if (meaningAt > 0)
      rows.forEach((tr, i) => {
        const cell = tr.querySelectorAll('td')[meaningAt];
        if (cell) meanings.set(names[i]!, [...cell.childNodes]);
      });
    schema.placed = schemaTable(schema.columns, schema.caption, meanings);
    table.replaceWith(schema.placed);
  }
}

/** Shifts the markdown's headings so its highest is one below the title's level. */
function shiftHeadings(markdown: HTMLElement, titleLevel: number): void {
  const headings = [...markdown.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  if (headings.length === 0) return;
  const top = Math.min(...headings.map((el) => Number(el.tagName[1])));
  const by = titleLevel + 1 - top;
  if (by === 0) return;
  for (const el of headings) {
    const moved = heading(Math.max(1, Number(el.tagName[1]) + by), {});
    moved.append(...el.childNodes);
    el.replaceWith(moved);
  }
}

/**
 * Scroll boxes that do scroll take keyboard focus (so arrow keys scroll them); the rest stay out
 * of the tab order. Checked again whenever a box's size changes.
 */
function focusWhenScrolling(root: HTMLElement): void {
  const observer = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      const box = target as HTMLElement;
      const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', box.querySelector('caption')?.textContent || 'table');
      } else {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  });
  for (const box of root.querySelectorAll('.table-scroll')) observer.observe(box);
}

export function renderStatement(challenge: ChallengeView, options: StatementOptions = {}): HTMLElement {
  const level = options.titleLevel ?? 2;
  const outputColumns = challenge.output.columns.map((c) => c.name);
  const inputs = challenge.inputs.map((input): Schema | null =>
    input.kind === 'file'
      ? null
      : {
          columns: input.columns,
          caption: `${input.name}: ${input.kind === 'stream' ? 'streaming DataFrame (append mode; example rows show their micro_batch)' : 'DataFrame'}`,
          placed: null,
        },
  );
  const output: Schema = { columns: challenge.output.columns, caption: 'the returned DataFrame', placed: null };
  const matching = h(
    'p',
    { class: 'muted' },
    `Rows are matched by ${challenge.output.key.join(', ')}; `,
    challenge.output.ordered ? 'row order matters.' : 'row order does not matter.',
  );

  // The page shows the title already; a statement that opens with it as a heading loses that line.
  const markdown = renderMarkdown(
    challenge.statement.replace(/^#\s+(.+)\n/, (line, title: string) => (title.trim() === challenge.title ? '' : line)),
  );
  placeSchemas(markdown, [...inputs.filter((s): s is Schema => s !== null), output]);
  shiftHeadings(markdown, level);
  output.placed?.after(matching);

  const unplacedInputs = challenge.inputs.flatMap((input, i) => {
    const schema = inputs[i];
    if (schema) return schema.placed ? [] : [schemaTable(schema.columns, schema.caption)];
    if (input.kind !== 'file') return [];
    return [
      h('p', {}, h('code', {}, input.name), `: path of a .${input.extension} file`, input.description ? ` — ${input.description}` : ''),
    ];
  });
  const root = h(
    'div',
    { class: 'statement' },
    heading(
      level,
      { id: 'challenge-title' },
      challenge.title,
      ' ',
      h('span', { class: `tag difficulty-${challenge.difficulty}` }, challenge.difficulty),
    ),
    markdown,
    unplacedInputs.length > 0 ? [heading(level + 1, {}, 'Inputs'), ...unplacedInputs] : null,
    output.placed ? null : [heading(level + 1, {}, 'Output'), schemaTable(output.columns, output.caption), matching],
    heading(level + 1, {}, 'Examples'),
    challenge.publicCases.map((c) =>
      h(
        'section',
        { class: 'example', 'aria-label': `example ${c.name}` },
        heading(level + 2, {}, c.name),
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
    heading(level + 1, {}, 'Grading'),
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
  focusWhenScrolling(root);
  return root;
}
