// Column types: the names a challenge declares, the names Spark reports (simpleString), and the
// comparison family each belongs to (integral types interchangeable, fractional with tolerance).

/** Types a challenge may declare for an input or output column. */
export const DECLARED_TYPES = [
  'string',
  'boolean',
  'byte',
  'short',
  'int',
  'long',
  'float',
  'double',
  'date',
  'timestamp',
  'binary',
] as const;
export type DeclaredType = (typeof DECLARED_TYPES)[number];

export type TypeFamily = 'integral' | 'fractional' | 'decimal' | 'string' | 'boolean' | 'date' | 'timestamp' | 'binary' | 'complex';

const FAMILY: Record<string, TypeFamily> = {
  byte: 'integral',
  tinyint: 'integral',
  short: 'integral',
  smallint: 'integral',
  int: 'integral',
  integer: 'integral',
  long: 'integral',
  bigint: 'integral',
  float: 'fractional',
  real: 'fractional',
  double: 'fractional',
  string: 'string',
  varchar: 'string',
  char: 'string',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp',
  binary: 'binary',
};

/** The comparison family of a declared or Spark-reported type name. */
export function typeFamily(type: string): TypeFamily {
  const base = type.trim().toLowerCase();
  if (base.startsWith('decimal')) return 'decimal';
  if (base.startsWith('varchar') || base.startsWith('char(')) return 'string';
  return FAMILY[base] ?? 'complex';
}
