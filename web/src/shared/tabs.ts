// Accessible tabs (WAI-ARIA tabs pattern): buttons with role=tab, arrow keys/Home/End move
// between them, only the selected one is in the tab order.
import { h, uid } from '../dom.js';

export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

export function renderTabs(
  label: string,
  tabs: Tab[],
  onSelect?: (id: string) => void,
): { element: HTMLElement; select(id: string): void } {
  const base = uid('tabs');
  const buttons = tabs.map((t) =>
    h(
      'button',
      { type: 'button', role: 'tab', id: `${base}-${t.id}`, 'aria-controls': `${base}-${t.id}-panel`, 'data-tab': t.id },
      t.label,
    ),
  );
  const panels = tabs.map((t) => {
    t.panel.setAttribute('role', 'tabpanel');
    t.panel.id = `${base}-${t.id}-panel`;
    t.panel.setAttribute('aria-labelledby', `${base}-${t.id}`);
    t.panel.classList.add('tab-panel');
    return t.panel;
  });
  const select = (id: string): void => {
    tabs.forEach((t, i) => {
      const on = t.id === id;
      buttons[i]!.setAttribute('aria-selected', String(on));
      buttons[i]!.tabIndex = on ? 0 : -1;
      panels[i]!.hidden = !on;
    });
    onSelect?.(id);
  };
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tablist' }, buttons);
  list.addEventListener('keydown', (e) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next =
      e.key === 'ArrowRight'
        ? (current + 1) % buttons.length
        : e.key === 'ArrowLeft'
          ? (current - 1 + buttons.length) % buttons.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next]!.focus();
    select(tabs[next]!.id);
  });
  buttons.forEach((b, i) => b.addEventListener('click', () => select(tabs[i]!.id)));
  select(tabs[0]!.id);
  return { element: h('div', { class: 'tabs' }, list, panels), select };
}
