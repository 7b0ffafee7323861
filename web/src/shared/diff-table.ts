// The keyed diff of one case as a table: expected and actual rows side by side for pairs that
// differ (differing cells marked, not by colour alone), then missing and unexpected rows.
import type { RowDiff } from '../../../core/grade-result.js';
import { h } from '../dom.js';

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

export function renderDiffTable(diff: RowDiff, columns: string[]): HTMLElement {
  const { counts } = diff;
  const summary =
    `Expected ${counts.expectedRows} row${counts.expectedRows === 1 ? '' : 's'}, got ${counts.actualRows}: ` +
    `${counts.changed} changed, ${counts.missing} missing, ${counts.unexpected} unexpected.`;
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
