// Candidate text made safe for a terminal: the `grade` CLI's table prints exception messages,
// diffs and stdout that a solution wrote, so every control character (C0 but newline and tab, DEL,
// C1), and every bidirectional override or isolate that could reorder what the reader sees, is
// shown as a visible escape (`\x1b`, `\u202e`) instead of being sent to the terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
