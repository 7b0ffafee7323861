// A case's output against the expected rows: the output and the expected rows as two aligned
// tables (rows paired by the challenge's key, matching cells dimmed, differing ones marked, not by
// colour alone), paged; the keyed diff's counts as the summary above it; and, for results stored
// without aligned rows, the keyed diff as one table (differing pairs, then missing and unexpected rows).
import type { AlignedRows, RowDiff } from '../../../core/grade-result.js';
import { h, replace } from '../dom.js';

/** Aligned row pairs per page. */
const PAGE_ROWS = 10;

type Row = Record<string, string>;

function cells(columns: string[], row: Row, fallback: Row, mismatched: Set<string>): HTMLTableCellElement[] {
  return columns.map((c) => {
    const differs = mismatched.has(c);
    return h(
      'td',
      { class: differs ? 'cell-mismatch' : null, title: differs ? 'differs from the expected value' : null },
      row[c] ?? fallback[c] ?? '',
      differs ? h('span', { class: 'visually-hidden' }, ' (differs)') : null,
    );
  });
}

/** "Expected 3 rows, got 2: 1 changed, 1 missing, 0 unexpected." */
export function diffSummary(diff: RowDiff): string {
  const { counts } = diff;
  return (
    `Expected ${counts.expectedRows} row${counts.expectedRows === 1 ? '' : 's'}, got ${counts.actualRows}: ` +
    `${counts.changed} changed, ${counts.missing} missing, ${counts.unexpected} unexpected.`
  );
}

/** The output and the expected rows side by side, `PAGE_ROWS` pairs a page; `diff` (when given) adds its summary and column problems. */
export function renderAligned(aligned: AlignedRows, diff: RowDiff | undefined): HTMLElement {
  const { columns } = aligned;
  const side = (row: Record<string, string> | null, differs: Set<string>): HTMLTableCellElement[] =>
    row === null
      ? [h('td', { class: 'cell-absent', colspan: columns.length }, '(no row)')]
      : columns.map((c) => {
          const mismatch = differs.has(c);
          return h(
            'td',
            { class: mismatch ? 'cell-mismatch' : 'cell-same', title: mismatch ? 'differs from the expected value' : null },
            row[c] ?? '',
            mismatch ? h('span', { class: 'visually-hidden' }, ' (differs)') : null,
          );
        });
  const body = h('tbody');
  const pageLine = h('span', { class: 'muted page-line' });
  const previous = h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Previous rows' }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Next rows' }, 'Next ›');
  const pages = Math.max(1, Math.ceil(aligned.rows.length / PAGE_ROWS));
  let page = 0;
  const show = (): void => {
    const rows = aligned.rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
    replace(
      body,
      rows.map((r) => {
        const differs = new Set(r.differs);
        return h(
          'tr',
          { class: r.differs.length === 0 ? 'pair-same' : 'pair-differs' },
          side(r.actual, differs),
          h('td', { class: 'pair-gap', 'aria-hidden': 'true' }),
          side(r.expected, differs),
        );
      }),
    );
    const first = page * PAGE_ROWS + 1;
    const last = page * PAGE_ROWS + rows.length;
    const notListed = aligned.total - aligned.rows.length;
    pageLine.textContent =
      aligned.rows.length === 0
        ? 'No rows on either side.'
        : `Rows ${first}–${last} of ${aligned.rows.length}${notListed > 0 ? ` listed (${notListed} more not shown)` : ''}`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  previous.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    show();
  });
  next.addEventListener('click', () => {
    page = Math.min(pages - 1, page + 1);
    show();
  });
  show();
  return h(
    'div',
    { class: 'diff aligned' },
    diff && diff.columnProblems.length > 0
      ? h(
          'ul',
          { class: 'column-problems' },
          diff.columnProblems.map((p) => h('li', {}, p)),
        )
      : null,
    diff ? h('p', { class: 'diff-summary' }, diffSummary(diff)) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'diff-table aligned-table' },
        h('caption', { class: 'visually-hidden' }, 'Your output beside the expected rows, paired by key'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'colgroup', colspan: columns.length }, 'Your output'),
            h('th', { class: 'pair-gap', 'aria-hidden': 'true' }),
            h('th', { scope: 'colgroup', colspan: columns.length }, 'Expected'),
          ),
          h(
            'tr',
            {},
            columns.map((c) => h('th', { scope: 'col' }, c)),
            h('th', { class: 'pair-gap', 'aria-hidden': 'true' }),
            columns.map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        body,
      ),
    ),
    h('div', { class: 'pager' }, pages > 1 ? [previous, next] : null, pageLine),
  );
}

export function renderDiffTable(diff: RowDiff, columns: string[]): HTMLElement {
  const summary = diffSummary(diff);
  const { counts } = diff;
  const shownColumns = columns.length > 0 ? columns : Object.keys(diff.changed[0]?.expected ?? diff.missing[0] ?? diff.unexpected[0] ?? {});
  const body = h('tbody');
  for (const change of diff.changed) {
    const mismatched = new Set(change.columns);
    body.append(
      h(
        'tr',
        { class: 'row-expected' },
        h('th', { scope: 'row' }, 'expected'),
        cells(shownColumns, change.expected, change.key, mismatched),
      ),
      h('tr', { class: 'row-actual' }, h('th', { scope: 'row' }, 'actual'), cells(shownColumns, change.actual, change.key, mismatched)),
    );
  }
  for (const row of diff.missing)
    body.append(h('tr', { class: 'row-missing' }, h('th', { scope: 'row' }, 'missing'), cells(shownColumns, row, {}, new Set())));
  for (const row of diff.unexpected)
    body.append(h('tr', { class: 'row-unexpected' }, h('th', { scope: 'row' }, 'unexpected'), cells(shownColumns, row, {}, new Set())));
  const listed = diff.changed.length + diff.missing.length + diff.unexpected.length;
  const total = counts.changed + counts.missing + counts.unexpected;
  return h(
    'div',
    { class: 'diff' },
    diff.columnProblems.length > 0
      ? h(
          'ul',
          { class: 'column-problems' },
          diff.columnProblems.map((p) => h('li', {}, p)),
        )
      : null,
    h('p', { class: 'diff-summary' }, summary),
    listed > 0
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'diff-table' },
            h('caption', { class: 'visually-hidden' }, 'Rows that differ from the expected output'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'row'),
                shownColumns.map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            body,
          ),
        )
      : null,
    total > listed ? h('p', { class: 'muted' }, `Showing ${listed} of ${total} differing rows.`) : null,
  );
}

/** Rows of JSON objects (the public examples) as a plain table. */
export function renderRowsTable(rows: Record<string, unknown>[], columns: string[], caption: string): HTMLElement {
  const format = (v: unknown): string => (v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            columns.map((c) => h('td', { class: r[c] === null ? 'null' : null }, format(r[c]))),
          ),
        ),
      ),
    ),
  );
}
