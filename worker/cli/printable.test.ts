import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';

describe('printable', () => {
  it.each([
    ['\u001b[2J\u001b]0;title\u0007', '\\x1b[2J\\x1b]0;title\\x07'],
    ['carriage\rreturn', 'carriage\\x0dreturn'],
    ['del\u007f c1\u009b', 'del\\x7f c1\\x9b'],
    ['abc\u202eevil\u2066', 'abc\\u202eevil\\u2066'],
    ['nul\u0000', 'nul\\x00'],
  ])('shows %j as visible escapes', (raw, shown) => {
    expect(printable(raw)).toBe(shown);
  });

  it('keeps newlines, tabs and ordinary Unicode', () => {
    expect(printable('line 1\n\tline 2: naïve 名前 ✓')).toBe('line 1\n\tline 2: naïve 名前 ✓');
  });
});
