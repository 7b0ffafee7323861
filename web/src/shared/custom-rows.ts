// The rows a candidate ran a custom Run on, as the interviewer reads them beside its result: a
// table per DataFrame or stream input, the text of each file input.
import type { CustomInput } from '../../../core/custom-input.js';
import type { ChallengeView } from '../../../core/views/challenge-view.js';
import { h } from '../dom.js';
import { renderRowsTable } from './diff-table.js';

export function renderCustomRows(input: CustomInput, challenge: Pick<ChallengeView, 'inputs'>): HTMLElement {
  return h(
    'div',
    { class: 'custom-rows', id: 'custom-rows' },
    h('h3', {}, 'The candidate’s own rows'),
    challenge.inputs.map((spec) => {
      const given = input.inputs[spec.name];
      if (!given) return null;
      if (spec.kind === 'file') return h('div', {}, h('h4', {}, spec.name), h('pre', { class: 'custom-file-text' }, given.text ?? ''));
      const columns = [...(spec.kind === 'stream' ? ['micro_batch'] : []), ...spec.columns.map((c) => c.name)];
      return renderRowsTable(given.rows ?? [], columns, spec.name);
    }),
  );
}
