// `npm run web:pyspark-api`: regenerates web/src/pyspark/pyspark-api.json (the editor's PySpark
// completions and hover docs) by running scripts/pyspark-introspect.py inside the sandbox image,
// so the data describes exactly the PySpark candidates' code runs against. Commit the result.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseSandboxConfig } from '../worker/config.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { sandboxImageTag } from '../worker/sandbox-image.js';

const OUT_FILE = path.join(REPO_ROOT, 'web', 'src', 'pyspark', 'pyspark-api.json');

const MemberSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['function', 'method', 'property', 'class', 'constant']),
  /** Parameters as Python prints them, `(col, offset=1, default=None)`; empty for properties. */
  signature: z.string(),
  /** Bare class name of the return annotation (`Column`), when annotated. */
  returns: z.string().nullable(),
  /** First paragraph of the docstring, Sphinx roles reduced to backticks. */
  doc: z.string(),
});
const ScopeSchema = z.strictObject({ doc: z.string(), members: z.array(MemberSchema) });
const ApiSchema = z.strictObject({
  pysparkVersion: z.string(),
  pythonVersion: z.string(),
  modules: z.strictObject({ functions: ScopeSchema, types: ScopeSchema }),
  classes: z.record(z.string(), ScopeSchema),
});

function run(command: string, args: string[], stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', (error) => reject(new Error(`${command} did not start: ${error.message}`, { cause: error })));
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`)),
    );
    child.stdin.end(stdin);
  });
}

const config = parseSandboxConfig();
const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
const script = await readFile(path.join(REPO_ROOT, 'scripts', 'pyspark-introspect.py'), 'utf8');
// No network: importing pyspark needs none, and nothing else should run in the sandbox image.
const output = await run('docker', ['run', '--rm', '-i', '--network', 'none', '--entrypoint', 'python3', image, '-'], script);
const api = ApiSchema.parse(JSON.parse(output));
const names = new Set(api.modules.functions.members.map((m) => m.name));
for (const required of ['col', 'lag', 'session_window', 'window']) {
  if (!names.has(required)) throw new Error(`pyspark.sql.functions in ${image} has no ${required}: the introspection is broken`);
}
await writeFile(OUT_FILE, `${JSON.stringify(api, null, 1)}\n`);
console.log(
  `wrote ${path.relative(REPO_ROOT, OUT_FILE)}: PySpark ${api.pysparkVersion} from ${image}, ${names.size} functions, ${Object.keys(api.classes).length} classes`,
);
