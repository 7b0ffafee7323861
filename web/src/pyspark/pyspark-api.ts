// The PySpark API data (pyspark-api.json, generated inside the sandbox image by
// scripts/generate-pyspark-completions.ts) and lookups over it.
import data from './pyspark-api.json';

export interface ApiMember {
  name: string;
  kind: 'function' | 'method' | 'property' | 'class' | 'constant';
  /** `(col, offset=1, default=None)`; empty for properties and constants. */
  signature: string;
  /** Bare class name the member returns (`Column`), when annotated. */
  returns: string | null;
  doc: string;
}

export interface ApiScope {
  doc: string;
  members: ApiMember[];
}

export interface PysparkApi {
  pysparkVersion: string;
  modules: { functions: ApiScope; types: ApiScope };
  classes: Record<string, ApiScope>;
}

export const PYSPARK_API = data as PysparkApi;

/** What an expression is, as far as completion cares. */
export type ScopeRef = { kind: 'module'; name: 'functions' | 'types' } | { kind: 'class'; name: string };

export function scopeOf(api: PysparkApi, ref: ScopeRef): ApiScope | undefined {
  return ref.kind === 'module' ? api.modules[ref.name] : api.classes[ref.name];
}

export function scopeLabel(ref: ScopeRef): string {
  return ref.kind === 'module' ? `pyspark.sql.${ref.name}` : ref.name;
}

export function findMember(api: PysparkApi, ref: ScopeRef, name: string): ApiMember | undefined {
  return scopeOf(api, ref)?.members.find((m) => m.name === name);
}
