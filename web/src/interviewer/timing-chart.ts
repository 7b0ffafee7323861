// A small inline-SVG bar chart: each case's time for the candidate against the reference's,
// with the budget (reference × budget ratio) marked, so "3× slower on the skewed case" is visible.
import type { CaseResult } from '../../../core/grade-result.js';
import { formatMs, h } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 34;
const LABEL_WIDTH = 150;
const WIDTH = 640;
const BAR = 11;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function renderTimingChart(cases: CaseResult[], budgetRatio: number): HTMLElement | null {
  const timed = cases.filter((c) => typeof c.timeMs === 'number');
  if (timed.length === 0) return null;
  const max = Math.max(...timed.flatMap((c) => [c.timeMs ?? 0, (c.referenceTimeMs ?? 0) * (c.timed ? budgetRatio : 1)]), 1);
  const scale = (ms: number): number => ((WIDTH - LABEL_WIDTH - 90) * ms) / max;
  const height = timed.length * ROW + 30;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    role: 'img',
    class: 'timing-chart',
    'aria-labelledby': 'timing-chart-title',
  });
  chart.append(svg('title', { id: 'timing-chart-title' }, 'Time per case: candidate against the reference solution'));
  timed.forEach((c, i) => {
    const y = i * ROW + 6;
    chart.append(svg('text', { x: 0, y: y + BAR + 2, class: 'chart-label' }, `${c.hidden ? '(hidden) ' : ''}${c.name}`.slice(0, 24)));
    const candidateWidth = Math.max(scale(c.timeMs ?? 0), 1);
    chart.append(svg('rect', { x: LABEL_WIDTH, y, width: candidateWidth, height: BAR, class: 'bar-candidate' }));
    chart.append(svg('text', { x: LABEL_WIDTH + candidateWidth + 4, y: y + BAR - 1, class: 'chart-value' }, formatMs(c.timeMs)));
    if (typeof c.referenceTimeMs === 'number') {
      const refWidth = Math.max(scale(c.referenceTimeMs), 1);
      chart.append(svg('rect', { x: LABEL_WIDTH, y: y + BAR + 2, width: refWidth, height: BAR, class: 'bar-reference' }));
      chart.append(svg('text', { x: LABEL_WIDTH + refWidth + 4, y: y + 2 * BAR + 1, class: 'chart-value' }, formatMs(c.referenceTimeMs)));
      if (c.timed) {
        const budgetX = LABEL_WIDTH + scale(c.referenceTimeMs * budgetRatio);
        chart.append(svg('line', { x1: budgetX, x2: budgetX, y1: y - 2, y2: y + 2 * BAR + 4, class: 'budget-line' }));
      }
    }
  });
  const legendY = timed.length * ROW + 18;
  chart.append(
    svg('rect', { x: LABEL_WIDTH, y: legendY - 9, width: 10, height: 10, class: 'bar-candidate' }),
    svg('text', { x: LABEL_WIDTH + 14, y: legendY, class: 'chart-label' }, 'candidate'),
  );
  if (timed.some((c) => typeof c.referenceTimeMs === 'number')) {
    chart.append(
      svg('rect', { x: LABEL_WIDTH + 100, y: legendY - 9, width: 10, height: 10, class: 'bar-reference' }),
      svg('text', { x: LABEL_WIDTH + 114, y: legendY, class: 'chart-label' }, 'reference'),
    );
  } else {
    chart.append(
      svg('text', { x: LABEL_WIDTH + 100, y: legendY, class: 'chart-value' }, 'no reference times (no timed cases, or not calibrated yet)'),
    );
  }
  if (timed.some((c) => c.timed && typeof c.referenceTimeMs === 'number')) {
    chart.append(
      svg('line', { x1: LABEL_WIDTH + 200, x2: LABEL_WIDTH + 200, y1: legendY - 10, y2: legendY + 1, class: 'budget-line' }),
      svg('text', { x: LABEL_WIDTH + 206, y: legendY, class: 'chart-label' }, `budget (${budgetRatio}× reference)`),
    );
  }
  return h('figure', { class: 'chart' }, h('figcaption', { class: 'visually-hidden' }, 'Time per case'), chart);
}
