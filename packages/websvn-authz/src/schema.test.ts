import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteSchema } from './schema.js';

describe('published schema', () => {
  it('schema/site.schema.json is the schema the code validates with (regenerate it when this fails)', () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'site.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(siteSchema);
  });
});
