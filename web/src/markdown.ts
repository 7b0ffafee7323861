// Statement markdown to HTML with raw HTML disabled: markdown-it escapes every tag in the
// source and refuses javascript:/data: links, so the output is safe to insert; links open in a
// new tab without a referrer.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A <div> holding the rendered statement. */
export function renderMarkdown(source: string, className = 'markdown'): HTMLDivElement {
  const div = document.createElement('div');
  div.className = className;
  div.innerHTML = md.render(source);
  return div;
}
