// Signature help: the PySpark call the cursor is inside (`df.groupBy(|`, `F.when(c, |`), its
// signature from the generated API data and the parameter being typed (by position, by keyword,
// or the `*args` that takes the rest). Receivers resolve as for completion (resolve-receiver.ts).
import { findMember, scopeOf, type ApiMember, type PysparkApi, type ScopeRef } from './pyspark-api.js';
import { receiverAt, type CodeContext } from './resolve-receiver.js';

export interface CallSignature {
  /** `DataFrame.groupBy(*cols) -> GroupedData` */
  label: string;
  doc: string;
  owner: ScopeRef;
  /** Each parameter's name and its [start, end) offsets in `label`. */
  parameters: { name: string; label: [number, number] }[];
  /** Index in `parameters` of the one being typed; -1 when the call has more arguments than it takes. */
  activeParameter: number;
}

/** Tried in turn when the receiver before the `.` cannot be worked out (as completion does). */
const FALLBACK: ScopeRef[] = [
  { kind: 'class', name: 'DataFrame' },
  { kind: 'class', name: 'Column' },
];

interface OpenCall {
  /** Offset of the `(`. */
  open: number;
  /** Top-level commas between the `(` and the cursor. */
  commas: number;
  /** Offset just after the last of them (or the `(`): where the argument being typed starts. */
  argStart: number;
}

/** Offset just past the string literal starting at `i` (its quote), or `end` when it runs past it. */
function skipString(text: string, i: number, end: number): number {
  const quote = text[i]!;
  const triple = text.startsWith(quote.repeat(3), i);
  const closer = triple ? quote.repeat(3) : quote;
  for (let j = i + closer.length; j < end; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(closer, j)) return j + closer.length;
    else if (!triple && text[j] === '\n') return j;
  }
  return end;
}

/** The innermost call still open at `offset`, scanning the code before it (strings and comments skipped). */
function openCallAt(text: string, offset: number): OpenCall | null {
  const stack: (OpenCall & { bracket: string })[] = [];
  for (let i = 0; i < offset; i++) {
    const ch = text[i]!;
    if (ch === '#') {
      while (i < offset && text[i] !== '\n') i++;
    } else if (ch === '"' || ch === "'") {
      i = skipString(text, i, offset) - 1;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      stack.push({ bracket: ch, open: i, commas: 0, argStart: i + 1 });
    } else if (ch === ')' || ch === ']' || ch === '}') {
      const opener = ch === ')' ? '(' : ch === ']' ? '[' : '{';
      // A stray closer pops up to its opener (or nothing): one typo must not hide every later call.
      const at = stack.map((s) => s.bracket).lastIndexOf(opener);
      if (at >= 0) stack.length = at;
    } else if (ch === ',' && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      top.commas++;
      top.argStart = i + 1;
    }
  }
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.bracket === '(') return stack[k]!;
  return null;
}

/** `(a, b=(1, 2), *c, d='x,y', **e)` split into its parameters' texts and their offsets in it. */
function splitParameters(signature: string): { text: string; start: number }[] {
  const inner = signature.replace(/^\(/, '').replace(/\)$/, '');
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const ch = inner[i];
    if (ch === '"' || ch === "'") i = skipString(inner, i, inner.length) - 1;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (i === inner.length || (ch === ',' && depth === 0)) {
      const raw = inner.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim()) out.push({ text: raw.trim(), start: 1 + start + lead });
      start = i + 1;
    }
  }
  return out;
}

/** Bare names imported from pyspark.sql.functions or .types (`from pyspark.sql.functions import col, sum as _sum`). */
function importedFunction(api: PysparkApi, source: string, name: string): { owner: ScopeRef; member: ApiMember } | null {
  for (const module of ['functions', 'types'] as const) {
    const pattern = new RegExp(`^\\s*from\\s+pyspark\\.sql\\.${module}\\s+import\\s+\\(?([^)\\n]+)`, 'gm');
    for (const m of source.matchAll(pattern)) {
      for (const part of m[1]!.split(',')) {
        const [original, alias] = part
          .trim()
          .split(/\s+as\s+/)
          .map((s) => s.trim());
        const owner: ScopeRef = { kind: 'module', name: module };
        if (original === '*' || (alias ?? original) === name) {
          const member = findMember(api, owner, original === '*' ? name : original!);
          if (member) return { owner, member };
        }
      }
    }
  }
  return null;
}

function signatureOf(owner: ScopeRef, m: ApiMember, argument: string, commas: number): CallSignature {
  const prefix = `${owner.kind === 'module' ? (owner.name === 'functions' ? 'F' : 'T') : owner.name}.${m.name}`;
  const label = `${prefix}${m.signature}${m.returns && m.returns !== 'None' ? ` -> ${m.returns}` : ''}`;
  const parts = splitParameters(m.signature);
  const parameters: CallSignature['parameters'] = [];
  let positional = 0; // parameters an argument can fill by position
  let varargs = -1;
  let varkw = -1;
  let keywordOnly = false;
  for (const p of parts) {
    if (p.text === '/') continue;
    if (p.text === '*') {
      keywordOnly = true;
      continue;
    }
    const name = p.text
      .replace(/^\*{1,2}/, '')
      .split(/[:=]/)[0]!
      .trim();
    const index = parameters.length;
    parameters.push({ name, label: [prefix.length + p.start, prefix.length + p.start + p.text.length] });
    if (p.text.startsWith('**')) varkw = index;
    else if (p.text.startsWith('*')) {
      varargs = index;
      keywordOnly = true;
    } else if (!keywordOnly) positional++;
  }
  const keyword = /^\s*(\w+)\s*=(?!=)/.exec(argument)?.[1];
  let activeParameter: number;
  if (keyword) {
    const named = parameters.findIndex((p, i) => p.name === keyword && i !== varargs && i !== varkw);
    activeParameter = named >= 0 ? named : varkw;
  } else {
    activeParameter = commas < positional ? commas : varargs;
  }
  return { label, doc: m.doc, owner, parameters, activeParameter };
}

/** The signatures of the PySpark call open at `offset` (several when the receiver is unknown), or none. */
export function signaturesAt(api: PysparkApi, source: string, offset: number, context: CodeContext): CallSignature[] {
  const call = openCallAt(source, offset);
  if (!call) return [];
  let end = call.open;
  while (end > 0 && /[ \t]/.test(source[end - 1]!)) end--;
  let start = end;
  while (start > 0 && /\w/.test(source[start - 1]!)) start--;
  const name = source.slice(start, end);
  if (!name || /^\d/.test(name)) return [];
  const argument = source.slice(call.argStart, offset);
  let dot = start;
  while (dot > 0 && /\s/.test(source[dot - 1]!)) dot--;
  if (source[dot - 1] !== '.') {
    const found = importedFunction(api, source, name);
    return found ? [signatureOf(found.owner, found.member, argument, call.commas)] : [];
  }
  const receiver = receiverAt(api, source, dot - 1, context);
  const signatures: CallSignature[] = [];
  for (const owner of receiver ? [receiver] : FALLBACK) {
    const member = findMember(api, owner, name);
    if (member && member.kind !== 'property' && member.kind !== 'constant' && scopeOf(api, owner)) {
      signatures.push(signatureOf(owner, member, argument, call.commas));
    }
  }
  return signatures;
}
