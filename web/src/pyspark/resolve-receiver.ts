// Works out what the expression before a `.` is (a DataFrame, a Column, the functions module...)
// from the code alone: import aliases, the solve() parameters, simple assignments, and the
// return types recorded in the PySpark API data, so `F.`, `df.groupBy("a").` and
// `w = Window.partitionBy("u"); w.` each complete with the right members.
import { findMember, type PysparkApi, type ScopeRef } from './pyspark-api.js';

export interface CodeContext {
  /** Name of the function the solution defines (`solve`). */
  entrypoint: string;
  /** Its parameters after `spark` that receive DataFrames. */
  dataFrameInputs: string[];
}

interface Segment {
  name: string;
  call: boolean;
  index: boolean;
}

const IDENT_CHAR = /[\w]/;
const MAX_DEPTH = 4;

/** Start index of the quoted string that ends at `end` (the closing quote), scanning backwards. */
function stringStart(text: string, end: number): number {
  const quote = text[end];
  for (let i = end - 1; i >= 0; i--) if (text[i] === quote && text[i - 1] !== '\\') return i;
  return -1;
}

/** Index of the bracket opening the one that closes at `close`, or -1. */
function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = stringStart(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The dotted chain ending just before `end` (exclusive): `F.col("x")` -> [F, col()]; null when it is not a plain chain. */
export function chainBefore(text: string, end: number): Segment[] | null {
  const segments: Segment[] = [];
  let pos = end - 1;
  const skipSpace = (): void => {
    while (pos >= 0 && /\s/.test(text[pos]!)) pos--;
  };
  for (;;) {
    skipSpace();
    let call = false;
    let index = false;
    let lastParenClose = -1;
    while (pos >= 0 && (text[pos] === ')' || text[pos] === ']')) {
      const open = matchingOpen(text, pos);
      if (open < 0) return null;
      if (text[pos] === ')') {
        call = true;
        lastParenClose = pos;
      } else index = true;
      pos = open - 1;
      skipSpace();
    }
    const nameEnd = pos + 1;
    while (pos >= 0 && IDENT_CHAR.test(text[pos]!)) pos--;
    const name = text.slice(pos + 1, nameEnd);
    // `(events.groupBy("u")).`: a parenthesised chain continues inside the parentheses.
    if (!name && lastParenClose >= 0 && !index) {
      const inner = chainBefore(text, lastParenClose);
      return inner ? [...inner, ...segments] : null;
    }
    if (!name || /^\d/.test(name)) return null;
    segments.unshift({ name, call, index });
    skipSpace();
    if (pos >= 0 && text[pos] === '.') {
      pos--;
      continue;
    }
    return segments;
  }
}

function importAliases(source: string): Map<string, ScopeRef> {
  const aliases = new Map<string, ScopeRef>([
    ['F', { kind: 'module', name: 'functions' }],
    ['Window', { kind: 'class', name: 'Window' }],
  ]);
  for (const m of source.matchAll(/^\s*from\s+pyspark\.sql\s+import\s+(.+)$/gm)) {
    for (const part of m[1]!.replace(/[()]/g, '').split(',')) {
      const [name, alias] = part
        .trim()
        .split(/\s+as\s+/)
        .map((s) => s.trim());
      if (name === 'functions' || name === 'types') aliases.set(alias ?? name, { kind: 'module', name });
      else if (name && /^(Window|DataFrame|Column|SparkSession)$/.test(name)) aliases.set(alias ?? name, { kind: 'class', name });
    }
  }
  for (const m of source.matchAll(/^\s*import\s+pyspark\.sql\.(functions|types)\s+as\s+(\w+)/gm)) {
    aliases.set(m[2]!, { kind: 'module', name: m[1] as 'functions' | 'types' });
  }
  for (const m of source.matchAll(/^\s*from\s+pyspark\.sql\.window\s+import\s+Window(?:\s+as\s+(\w+))?/gm)) {
    aliases.set(m[1] ?? 'Window', { kind: 'class', name: 'Window' });
  }
  return aliases;
}

/** The right-hand side of the last `name = ...` before `end`, as [start, end) offsets. */
function lastAssignment(source: string, name: string, end: number): [number, number] | null {
  const pattern = new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)`, 'gm');
  let found: [number, number] | null = null;
  for (const m of source.slice(0, end).matchAll(pattern)) {
    const start = m.index + m[0].length;
    if (start >= end) continue; // the assignment being typed
    // The statement runs to the end of its logical line: brackets may span lines.
    let depth = 0;
    let i = start;
    for (; i < source.length; i++) {
      const ch = source[i]!;
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      else if ((ch === '\n' && depth <= 0) || (ch === '#' && depth <= 0)) break;
    }
    found = [start, Math.min(i, end)];
  }
  return found;
}

function resolveRoot(api: PysparkApi, source: string, name: string, before: number, context: CodeContext, depth: number): ScopeRef | null {
  const aliases = importAliases(source);
  const assigned = lastAssignment(source, name, before);
  if (assigned && depth < MAX_DEPTH) {
    const rhs = source.slice(assigned[0], assigned[1]).replace(/\s+$/, '');
    const chain = chainBefore(rhs, rhs.length);
    if (chain) return resolveChain(api, source, chain, assigned[0], context, depth + 1);
    return null;
  }
  const alias = aliases.get(name);
  if (alias) return alias;
  const params = new RegExp(`def\\s+${context.entrypoint}\\s*\\(([^)]*)\\)`).exec(source.slice(0, before));
  if (params) {
    const names = params[1]!
      .split(',')
      .map((p) => p.split(/[:=]/)[0]!.trim())
      .filter(Boolean);
    if (names[0] === name) return { kind: 'class', name: 'SparkSession' };
    const position = names.indexOf(name);
    if (position > 0 && context.dataFrameInputs.includes(name)) return { kind: 'class', name: 'DataFrame' };
  }
  if (name === 'spark') return { kind: 'class', name: 'SparkSession' };
  if (name === 'df' || context.dataFrameInputs.includes(name)) return { kind: 'class', name: 'DataFrame' };
  return null;
}

function resolveChain(
  api: PysparkApi,
  source: string,
  chain: Segment[],
  before: number,
  context: CodeContext,
  depth: number,
): ScopeRef | null {
  const [root, ...rest] = chain;
  if (!root || root.call) return null;
  let current = resolveRoot(api, source, root.name, before, context, depth);
  if (current && root.index) current = indexed(current);
  for (const segment of rest) {
    if (!current) return null;
    const member = findMember(api, current, segment.name);
    // A method named but not called (`df.groupBy.`) is a bound method: nothing to complete.
    if (!member || ((member.kind === 'method' || member.kind === 'function') && !segment.call)) return null;
    const type = member.returns;
    current =
      type === null
        ? null
        : type === 'functions' || type === 'types'
          ? { kind: 'module', name: type }
          : api.classes[type]
            ? { kind: 'class', name: type }
            : null;
    if (current && segment.index) current = indexed(current);
  }
  return current;
}

/** `df["col"]` is a Column; other subscripts are not followed. */
function indexed(ref: ScopeRef): ScopeRef | null {
  return ref.kind === 'class' && ref.name === 'DataFrame' ? { kind: 'class', name: 'Column' } : null;
}

/** What the expression ending just before `dotOffset` (the `.` being completed) is, or null. */
export function receiverAt(api: PysparkApi, source: string, dotOffset: number, context: CodeContext): ScopeRef | null {
  const chain = chainBefore(source, dotOffset);
  return chain ? resolveChain(api, source, chain, dotOffset, context, 0) : null;
}
