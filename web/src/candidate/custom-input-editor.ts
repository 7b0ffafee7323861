// "Custom input": the candidate's own rows for a Run, one small editable table per DataFrame or
// stream input (a stream's rows name their micro-batch) and a text box per file input, filled from
// a public example to start with. Owns the editing and turning the cells into the API's
// `customInput` (typed by the challenge's declared columns); the server checks every cell and
// names the bad one, which this panel then marks. It never sends anything itself.
import type { ColumnSpec, InputSpec } from '../../../core/challenge.js';
import type { CustomInput } from '../../../core/custom-input.js';
import type { ChallengeView } from '../../../core/views/challenge-view.js';
import { h, replace } from '../dom.js';

type Cell = string | number | boolean | null;
const MICRO_BATCH = 'micro_batch';

/** A cell as typed: empty or `null` is no value, `"..."` is the text inside the quotes, else read by the column's type. */
export function readCell(text: string, type: ColumnSpec['type'] | 'micro_batch'): Cell {
  const t = text.trim();
  if (t === '' || t === 'null') return null;
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return text;
    }
  }
  if (type === 'string' || type === 'date' || type === 'timestamp' || type === 'binary') return text;
  if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) {
    const n = Number(t);
    // Integers past 2^53 go as text, which the server reads exactly.
    return Number.isSafeInteger(n) || !/^-?\d+$/.test(t) ? n : t;
  }
  return t;
}

/** A case file's cell as the candidate edits it (the inverse of `readCell`). */
export function showCell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value === '' || value === 'null' || /^\s|\s$/.test(value) ? JSON.stringify(value) : value;
  return String(value);
}

interface TableInput {
  spec: Exclude<InputSpec, { kind: 'file' }>;
  columns: { name: string; type: ColumnSpec['type'] | 'micro_batch' }[];
  body: HTMLTableSectionElement;
  count: HTMLElement;
}

export class CustomInputEditor {
  readonly element: HTMLElement;
  private readonly tables: TableInput[] = [];
  private readonly files = new Map<string, HTMLTextAreaElement>();
  private readonly problem: HTMLElement;
  /** "Run on these rows": the page disables it while something grades. */
  readonly runButton: HTMLButtonElement;

  constructor(
    private readonly challenge: ChallengeView,
    limits: NonNullable<ChallengeView['customInput']>,
    private readonly onRun: () => void,
  ) {
    this.runButton = h('button', { type: 'button', id: 'custom-run-button', class: 'primary' }, 'Run on these rows');
    this.runButton.addEventListener('click', () => this.onRun());
    this.problem = h('div', { id: 'custom-input-problem', class: 'notice', role: 'alert', hidden: true });
    const examples = challenge.publicCases.filter((c) => !c.generated);
    const start = h(
      'select',
      { id: 'custom-input-start', 'aria-label': 'Example to start from' },
      examples.map((c) => h('option', { value: c.name }, c.name)),
      h('option', { value: '' }, 'empty rows'),
    );
    start.addEventListener('change', () => this.load(start.value));
    const inputs = challenge.inputs.map((spec) => this.inputPart(spec, limits));
    this.element = h(
      'section',
      { id: 'custom-input', class: 'custom-input', 'aria-labelledby': 'custom-input-title', hidden: true },
      h('h2', { id: 'custom-input-title' }, 'Custom input'),
      h(
        'p',
        { class: 'muted' },
        `Run your code on rows of your own (at most ${limits.maxRows} per input): the reference solution runs on them too, `,
        'in a sandbox of its own, and its output is what yours is compared with. Empty or null is no value; "" is empty text.',
      ),
      h('p', {}, h('label', { for: 'custom-input-start' }, 'Start from '), start),
      inputs,
      this.problem,
      h('p', {}, this.runButton),
    );
    this.load(examples[0]?.name ?? '');
  }

  private inputPart(spec: InputSpec, limits: NonNullable<ChallengeView['customInput']>): HTMLElement {
    if (spec.kind === 'file') {
      const area = h('textarea', {
        id: `custom-file-${spec.name}`,
        class: 'custom-file',
        rows: 10,
        spellcheck: 'false',
        'aria-label': `${spec.name} (file text, at most ${limits.maxFileBytes} bytes)`,
      });
      this.files.set(spec.name, area);
      return h(
        'div',
        { class: 'custom-part' },
        h('h3', {}, `${spec.name} `, h('span', { class: 'muted' }, `(.${spec.extension} file)`)),
        area,
      );
    }
    const columns = [
      ...(spec.kind === 'stream' ? [{ name: MICRO_BATCH, type: 'micro_batch' as const }] : []),
      ...spec.columns.map((c) => ({ name: c.name, type: c.type })),
    ];
    const body = h('tbody', {});
    const count = h('span', { class: 'muted custom-count' });
    const table: TableInput = { spec, columns, body, count };
    this.tables.push(table);
    const add = h('button', { type: 'button', class: 'secondary small', 'data-input': spec.name }, 'Add row');
    add.addEventListener('click', () => {
      if (body.rows.length >= limits.maxRows) return;
      this.addRow(table, {});
      this.counted(table, limits.maxRows);
      (body.rows[body.rows.length - 1]?.querySelector('input') as HTMLInputElement | null)?.focus();
    });
    body.addEventListener('click', (e) => {
      const remove = (e.target as HTMLElement).closest('button.remove-row');
      if (!remove) return;
      remove.closest('tr')?.remove();
      this.counted(table, limits.maxRows);
    });
    body.addEventListener('input', () => this.counted(table, limits.maxRows));
    return h(
      'div',
      { class: 'custom-part' },
      h(
        'h3',
        {},
        `${spec.name} `,
        h('span', { class: 'muted' }, spec.kind === 'stream' ? '(stream: each row names its micro-batch)' : '(DataFrame)'),
      ),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'data-table custom-table', id: `custom-table-${spec.name}` },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, '#'),
              columns.map((c) =>
                h('th', { scope: 'col' }, c.name, h('span', { class: 'muted col-type' }, ` ${c.type === 'micro_batch' ? 'int' : c.type}`)),
              ),
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')),
            ),
          ),
          body,
        ),
      ),
      h('p', {}, add, ' ', count),
    );
  }

  private addRow(table: TableInput, row: Record<string, unknown>): void {
    const n = table.body.rows.length + 1;
    table.body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row', class: 'muted' }, String(n)),
        table.columns.map((c) =>
          h(
            'td',
            {},
            h('input', {
              type: 'text',
              value: c.name in row ? showCell(row[c.name]) : '',
              'data-column': c.name,
              'aria-label': `${table.spec.name} row ${n}, ${c.name}`,
              spellcheck: 'false',
            }),
          ),
        ),
        h('td', {}, h('button', { type: 'button', class: 'secondary small remove-row', 'aria-label': `Remove row ${n}` }, '×')),
      ),
    );
  }

  private counted(table: TableInput, max: number): void {
    [...table.body.rows].forEach((tr, i) => {
      const head = tr.cells[0];
      if (head) head.textContent = String(i + 1);
      for (const input of tr.querySelectorAll('input'))
        input.setAttribute('aria-label', `${table.spec.name} row ${i + 1}, ${input.dataset.column}`);
    });
    table.count.textContent = `${table.body.rows.length} of at most ${max} rows`;
  }

  /** Fills every input from the public example `name` (nothing: empty rows and text). */
  load(name: string): void {
    const example = this.challenge.publicCases.find((c) => c.name === name);
    for (const table of this.tables) {
      table.body.replaceChildren();
      const rows = example?.inputs[table.spec.name];
      for (const row of Array.isArray(rows) ? rows : []) this.addRow(table, row);
      this.counted(table, this.challenge.customInput?.maxRows ?? 0);
    }
    for (const [input, area] of this.files) {
      const text = example?.inputs[input];
      area.value = typeof text === 'string' ? text : '';
    }
    this.showProblem(null);
  }

  toggle(): boolean {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) this.element.querySelector<HTMLElement>('select, input, textarea')?.focus();
    return !this.element.hidden;
  }

  /** The rows as the API takes them. */
  value(): CustomInput {
    const inputs: CustomInput['inputs'] = {};
    for (const table of this.tables) {
      inputs[table.spec.name] = {
        rows: [...table.body.rows].map((tr) =>
          Object.fromEntries(
            table.columns.map((c) => [
              c.name,
              readCell(tr.querySelector<HTMLInputElement>(`input[data-column="${c.name}"]`)?.value ?? '', c.type),
            ]),
          ),
        ),
      };
    }
    for (const [name, area] of this.files) inputs[name] = { text: area.value };
    return { inputs };
  }

  /** Shows why the rows were refused, marking each cell the message names (`events row 3, column event_time: ...`). */
  showProblem(message: string | null): void {
    for (const marked of this.element.querySelectorAll('[aria-invalid="true"]')) marked.removeAttribute('aria-invalid');
    this.problem.hidden = message === null;
    replace(this.problem, message ?? '');
    if (!message) return;
    let first: HTMLInputElement | null = null;
    for (const [, input, row, column] of message.matchAll(/(\w+) row (\d+), column (\w+)/g)) {
      const table = this.tables.find((t) => t.spec.name === input);
      const cell = table?.body.rows[Number(row) - 1]?.querySelector<HTMLInputElement>(`input[data-column="${column}"]`);
      if (!cell) continue;
      cell.setAttribute('aria-invalid', 'true');
      first ??= cell;
    }
    first?.focus();
  }
}
