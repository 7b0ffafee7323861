// Ruff's WebAssembly build, started once: the browser passes the URL of the .wasm file (fetched
// when the candidate's editor mounts), the unit tests pass the package's file bytes; both then
// lint through the same Workspace and the same diagnostic mapping (lint-markers.ts).
import initRuff, { PositionEncoding, Workspace, type Diagnostic, type InitInput } from '@astral-sh/ruff-wasm-web';
import { RUFF_SETTINGS, lintMarkers, type LintMarker } from './lint-markers.js';

export interface PythonLinter {
  /** Ruff's version, e.g. `0.16.9`. */
  version: string;
  /** Every problem Ruff finds in `source`, as marker data. */
  lint(source: string): LintMarker[];
}

export async function startRuff(wasm: InitInput): Promise<PythonLinter> {
  await initRuff({ module_or_path: wasm });
  // UTF-16 positions: the columns Monaco (and JavaScript strings) count in.
  const workspace = new Workspace(RUFF_SETTINGS, PositionEncoding.Utf16);
  return {
    version: Workspace.version(),
    lint: (source) => lintMarkers(workspace.check(source) as Diagnostic[]),
  };
}
