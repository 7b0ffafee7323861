// The view settings both interview pages offer: the editors' font size and the dark theme, each
// remembered in this browser (preferences.ts) and applied to every editor on the page at once.
import { h } from '../dom.js';
import { setEditorFontSize } from '../monaco.js';
import { FONT_SIZES_PX, storedFontSize } from './preferences.js';
import { chooseTheme, currentTheme, onThemeChange } from './theme.js';

export function renderViewSettings(): HTMLElement {
  const fontId = 'editor-font-size';
  const current = storedFontSize();
  const fontSelect = h(
    'select',
    { id: fontId, class: 'font-size-select', title: 'Font size of the code' },
    FONT_SIZES_PX.map((px) => h('option', { value: px, selected: px === current }, `${px} px`)),
  );
  fontSelect.addEventListener('change', () => setEditorFontSize(Number(fontSelect.value)));
  const themeButton = h(
    'button',
    {
      type: 'button',
      id: 'theme-toggle',
      class: 'secondary small theme-toggle',
      'aria-pressed': String(currentTheme() === 'dark'),
      title: 'Dark theme',
    },
    'Dark',
  );
  themeButton.addEventListener('click', () => chooseTheme(currentTheme() === 'dark' ? 'light' : 'dark'));
  onThemeChange((theme) => themeButton.setAttribute('aria-pressed', String(theme === 'dark')));
  return h('span', { class: 'view-settings' }, h('label', { for: fontId, class: 'muted' }, 'Font'), fontSelect, themeButton);
}
