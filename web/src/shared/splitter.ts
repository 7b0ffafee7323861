// A draggable, keyboard-operable divider between two panes (the WAI-ARIA window splitter
// pattern): role=separator with aria-valuenow as the first pane's share in percent. The pointer
// drags it; arrow keys move it by 2 % (Shift: 10 %), Home and End go to the limits. It only
// reports the share: the caller sizes the panes (CSS variables) and remembers it.

export interface SplitterOptions {
  /** 'vertical': a vertical bar between left and right panes; 'horizontal': between top and bottom. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  /** The pane before the splitter (aria-controls). */
  controls: HTMLElement;
  /** The element whose width (vertical) or height (horizontal) the share is of. */
  container: HTMLElement;
  minPct: number;
  maxPct: number;
  valuePct: number;
  /** Each move, while dragging too. */
  onMove(valuePct: number): void;
  /** Once a move is done: the end of a drag, each key press. */
  onCommit(valuePct: number): void;
}

export interface Splitter {
  element: HTMLElement;
  set(valuePct: number): void;
}

const STEP_PCT = 2;
const BIG_STEP_PCT = 10;

export function createSplitter(options: SplitterOptions): Splitter {
  const vertical = options.orientation === 'vertical';
  const element = document.createElement('div');
  element.className = `splitter splitter-${options.orientation}`;
  element.tabIndex = 0;
  element.setAttribute('role', 'separator');
  element.setAttribute('aria-orientation', options.orientation);
  element.setAttribute('aria-label', options.label);
  element.setAttribute('aria-valuemin', String(options.minPct));
  element.setAttribute('aria-valuemax', String(options.maxPct));
  if (options.controls.id) element.setAttribute('aria-controls', options.controls.id);
  let value = options.valuePct;

  const set = (pct: number): void => {
    value = Math.round(Math.min(options.maxPct, Math.max(options.minPct, pct)) * 10) / 10;
    element.setAttribute('aria-valuenow', String(Math.round(value)));
    element.setAttribute('aria-valuetext', `${Math.round(value)} %`);
    options.onMove(value);
  };
  set(value);

  const pctAt = (e: PointerEvent): number => {
    const box = options.container.getBoundingClientRect();
    return vertical ? ((e.clientX - box.left) / box.width) * 100 : ((e.clientY - box.top) / box.height) * 100;
  };
  element.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    element.setPointerCapture(e.pointerId);
    element.classList.add('dragging');
    // While dragging, nothing selects text and the resize cursor stays, even over the editor.
    document.body.classList.add('resizing', vertical ? 'resizing-x' : 'resizing-y');
    const move = (m: PointerEvent): void => set(pctAt(m));
    const end = (): void => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
      element.classList.remove('dragging');
      document.body.classList.remove('resizing', 'resizing-x', 'resizing-y');
      options.onCommit(value);
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  });
  element.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? BIG_STEP_PCT : STEP_PCT;
    const back = vertical ? 'ArrowLeft' : 'ArrowUp';
    const forward = vertical ? 'ArrowRight' : 'ArrowDown';
    const next =
      e.key === back
        ? value - step
        : e.key === forward
          ? value + step
          : e.key === 'Home'
            ? options.minPct
            : e.key === 'End'
              ? options.maxPct
              : null;
    if (next === null) return;
    e.preventDefault();
    set(next);
    options.onCommit(value);
  });
  return { element, set };
}
