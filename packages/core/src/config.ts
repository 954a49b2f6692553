// Structured configuration files (YAML or JSON) validated against a JSON Schema, with errors that
// name file:line and the field. Readers return data; the CLI decides how to exit.
import { readFileSync } from 'node:fs';
import type { ErrorObject, Schema, ValidateFunction } from 'ajv';
import { ConfigError } from './errors.js';
import { lazyRequire } from './lazy.js';

const yamlLib = lazyRequire<typeof import('yaml')>('yaml');
const ajvLib = lazyRequire<typeof import('ajv')>('ajv');

export interface LoadedDocument<T = unknown> {
  file: string;
  data: T;
  /** Line (1-based) of the value at a JSON pointer ("/nodes/0/name"), or of its nearest parent. */
  lineOf(pointer: string): number | undefined;
}

/** Parses YAML or JSON text (JSON is parsed as YAML 1.2, which keeps line numbers). */
export function parseStructured<T = unknown>(text: string, file: string): LoadedDocument<T> {
  const { LineCounter, parseDocument, isMap, isSeq } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    const pos = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(
      first.message.split('\n')[0] ?? 'syntax error',
      { file, line: pos.line },
      {
        hint: 'expected valid YAML or JSON',
      },
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as T;
  return {
    file,
    data,
    lineOf(pointer) {
      const parts = pointer
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      for (let n = parts.length; n >= 0; n--) {
        const path = parts.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const node = n === 0 ? doc.contents : doc.getIn(path, true);
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (range && (isMap(node) || isSeq(node) || node)) return lineCounter.linePos(range[0]).line;
      }
      return undefined;
    },
  };
}

export function loadStructuredFile<T = unknown>(file: string): LoadedDocument<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      file,
    });
  }
  return parseStructured<T>(text, file);
}

let ajv: import('ajv').Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return `missing required field "${String(p['missingProperty'])}"`;
    case 'additionalProperties':
      return `unknown field "${String(p['additionalProperty'])}"`;
    case 'enum':
      return `expected one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `expected ${String(p['type'])}`;
    default:
      return `expected a value that ${err.message ?? 'matches the schema'}`;
  }
}

/** Validates a loaded document against a JSON Schema (defaults applied); throws one ConfigError listing every problem. */
export function validateDocument<T>(
  doc: LoadedDocument<unknown>,
  schema: Schema & object,
): LoadedDocument<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new (ajvLib().Ajv)({ allErrors: true, strict: false, useDefaults: true });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(doc.data)) return doc as LoadedDocument<T>;
  const found = (validate.errors ?? []).map((err) => {
    const extra = (err.params as Record<string, unknown>)['additionalProperty'];
    const pointer =
      err.keyword === 'additionalProperties' ? `${err.instancePath}/${String(extra)}` : err.instancePath;
    const line = doc.lineOf(pointer);
    const text = `${fieldName(pointer) || '(top level)'}: ${describe(err)}`;
    return { line, text, full: `${doc.file}${line ? `:${line}` : ''}: ${text}` };
  });
  const problems = found.map((f) => f.full);
  if (found.length === 1) {
    const only = found[0]!;
    throw new ConfigError(only.text, { file: doc.file, line: only.line }, { problems });
  }
  throw new ConfigError(`${found.length} problems:\n  ${problems.join('\n  ')}`, {}, { problems });
}

/** "/nodes/0/name" -> "nodes[0].name" */
export function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}
