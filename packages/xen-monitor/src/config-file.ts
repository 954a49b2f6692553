// The one way each xen-monitor program reads its configuration: YAML or JSON, validated against the
// program's JSON Schema (defaults filled in, problems as file:line: field), no file meaning all defaults.
import { type LoadedDocument, loadStructuredFile, parseStructured, validateDocument } from '@opskit/core';

export interface ConfigReader<T> {
  /** Reads and validates a configuration file; without a file, the defaults. */
  load(file?: string): T;
  /** Validates configuration given as text (YAML or JSON). */
  parse(text: string, file?: string): T;
}

export function configReader<T>(schema: Parameters<typeof validateDocument>[1]): ConfigReader<T> {
  const validated = (doc: LoadedDocument<unknown>): T => {
    // An empty file is a file of defaults, not an error.
    if (doc.data === null || doc.data === undefined) doc = { ...doc, data: {} };
    return validateDocument<T>(doc, schema).data;
  };
  return {
    load: (file) => validated(file ? loadStructuredFile(file) : parseStructured('{}', '(defaults)')),
    parse: (text, file = '(inline)') => validated(parseStructured(text, file)),
  };
}
