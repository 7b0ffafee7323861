// A small Python syntax check that runs in the browser as the candidate types: a tokenizer that
// finds the errors people make while editing (unclosed or mismatched brackets, unterminated
// strings, a compound statement without its colon, bad indentation). It is deliberately
// conservative: valid Python never gets a mark; the sandbox's real parser stays the authority
// (a SyntaxError there is an `invalid_submission` with Python's own message).

export interface SyntaxProblem {
  /** 1-based line and UTF-16 columns, as Monaco counts them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const BRACKET_NAMES: Record<string, string> = {
  '(': 'parenthesis',
  ')': 'parenthesis',
  '[': 'bracket',
  ']': 'bracket',
  '{': 'brace',
  '}': 'brace',
};
const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF]*/;
const NUMBER = /^(?:\d|\.\d)[\w.]*/;
const MAX_PROBLEMS = 20;

interface OpenString {
  quote: string;
  line: number;
  column: number;
}
interface Opener {
  char: string;
  line: number;
  column: number;
}

/** Width of leading whitespace, tabs to the next multiple of 8 (as Python's tokenizer does). */
function indentWidth(ws: string): number {
  let width = 0;
  for (const ch of ws) width = ch === '\t' ? (Math.floor(width / 8) + 1) * 8 : width + 1;
  return width;
}

/** Index just past the closing `quote` from `from`, honouring backslash escapes; -1 when not on this line. */
function findStringEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(quote, i)) return i + quote.length;
  }
  return -1;
}

export function checkPythonSyntax(source: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const report = (line: number, column: number, endColumn: number, message: string, endLine = line): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, column, endLine, endColumn: Math.max(endColumn, column + 1), message });
  };
  const lines = source.split(/\r\n|\r|\n/);
  const indents = [0];
  const brackets: Opener[] = [];
  let openString: OpenString | null = null;
  let continuation = false;
  let expectIndentAfter = 0; // line number of a block opener whose body has not started yet
  // The logical line being read.
  let firstWord: { word: string; line: number; column: number } | null = null;
  let secondWord: string | null = null;
  let tokenCount = 0;
  let last: { value: string; line: number; column: number } | null = null;
  let colonAtDepthZero = false;

  lines.forEach((text, index) => {
    const lineNo = index + 1;
    let pos = 0;
    if (openString) {
      const end = findStringEnd(text, 0, openString.quote);
      if (end < 0) {
        if (openString.quote.length === 1 && !text.endsWith('\\')) {
          report(openString.line, openString.column, openString.column + 1, 'unterminated string literal');
          openString = null;
        }
        return;
      }
      openString = null;
      pos = end;
    } else if (brackets.length === 0 && !continuation) {
      const ws = /^[ \t\f]*/.exec(text)![0];
      const rest = text.slice(ws.length);
      if (rest === '' || rest.startsWith('#')) return; // blank and comment lines carry no indentation
      const width = indentWidth(ws);
      const top = indents[indents.length - 1]!;
      if (expectIndentAfter > 0) {
        if (width <= top) report(lineNo, 1, ws.length + 2, `expected an indented block after line ${expectIndentAfter}`);
        else indents.push(width);
        expectIndentAfter = 0;
      } else if (width > top) {
        report(lineNo, 1, ws.length + 2, 'unexpected indent');
        indents.push(width);
      } else if (width < top) {
        while (indents.length > 1 && indents[indents.length - 1]! > width) indents.pop();
        if (indents[indents.length - 1] !== width) {
          report(lineNo, 1, ws.length + 2, 'unindent does not match any outer indentation level');
          indents.push(width);
        }
      }
      firstWord = null;
      secondWord = null;
      tokenCount = 0;
      last = null;
      colonAtDepthZero = false;
      pos = ws.length;
    }
    continuation = false;

    const note = (value: string, column: number): void => {
      if (tokenCount === 0 && NAME.test(value)) firstWord = { word: value, line: lineNo, column };
      else if (tokenCount === 1) secondWord = value;
      tokenCount += 1;
      last = { value, line: lineNo, column };
    };

    while (pos < text.length) {
      const ch = text[pos]!;
      const rest = text.slice(pos);
      if (ch === ' ' || ch === '\t' || ch === '\f') {
        pos++;
        continue;
      }
      if (ch === '#') break;
      const str = STRING_START.exec(rest);
      if (str && (str[1] === '' || !/[\w]/.test(text[pos - 1] ?? ''))) {
        const quote = str[2]!;
        const bodyStart = pos + str[0].length;
        const end = findStringEnd(text, bodyStart, quote);
        note('"string"', pos + 1);
        if (end < 0) {
          if (quote.length === 3 || text.endsWith('\\')) openString = { quote, line: lineNo, column: pos + 1 };
          else report(lineNo, pos + 1, text.length + 1, 'unterminated string literal');
          pos = text.length;
          break;
        }
        pos = end;
        continue;
      }
      const name = NAME.exec(rest);
      if (name) {
        note(name[0], pos + 1);
        pos += name[0].length;
        continue;
      }
      const number = NUMBER.exec(rest);
      if (number) {
        note('0', pos + 1);
        pos += number[0].length;
        continue;
      }
      if (ch in OPENERS) {
        brackets.push({ char: ch, line: lineNo, column: pos + 1 });
        note(ch, pos + 1);
      } else if (ch in CLOSERS) {
        const open = brackets.pop();
        if (!open) report(lineNo, pos + 1, pos + 2, `unmatched '${ch}'`);
        else if (open.char !== CLOSERS[ch]) {
          report(
            lineNo,
            pos + 1,
            pos + 2,
            `closing ${BRACKET_NAMES[ch]} '${ch}' does not match opening ${BRACKET_NAMES[open.char]} '${open.char}' on line ${open.line}`,
          );
        }
        note(ch, pos + 1);
      } else if (ch === ':' && text[pos + 1] === '=') {
        note(':=', pos + 1);
        pos += 2;
        continue;
      } else if (ch === ':') {
        if (brackets.length === 0) colonAtDepthZero = true;
        note(':', pos + 1);
      } else if (ch === '\\' && text.slice(pos + 1).trim() === '') {
        continuation = true;
        break;
      } else {
        note(ch, pos + 1);
      }
      pos++;
    }

    if (openString || brackets.length > 0 || continuation) return;
    // The logical line ends here.
    const first = firstWord as { word: string; line: number; column: number } | null;
    const lastToken = last as { value: string; line: number; column: number } | null;
    if (first && lastToken) {
      const keyword = first.word === 'async' && secondWord && ['def', 'for', 'with'].includes(secondWord) ? secondWord : first.word;
      if (COMPOUND.has(keyword) && !colonAtDepthZero) {
        report(lastToken.line, lastToken.column, lastToken.column + lastToken.value.length, `expected ':' after the ${keyword} statement`);
      }
      if (lastToken.value === ':' && colonAtDepthZero) expectIndentAfter = lastToken.line;
    }
  });

  const pendingString = openString as OpenString | null;
  if (pendingString) {
    report(
      pendingString.line,
      pendingString.column,
      pendingString.column + 3,
      pendingString.quote.length === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
    );
  }
  for (const open of brackets) report(open.line, open.column, open.column + 1, `'${open.char}' was never closed`);
  if (expectIndentAfter > 0 && !pendingString && brackets.length === 0) {
    const opener = lines[expectIndentAfter - 1] ?? '';
    report(expectIndentAfter, opener.length, opener.length + 1, `expected an indented block after line ${expectIndentAfter}`);
  }
  return problems;
}
