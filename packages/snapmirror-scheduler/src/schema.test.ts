import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from './schema.js';

describe('published JSON Schema', () => {
  it('matches the schema the code validates with (regenerate: node packages/snapmirror-scheduler/dist/cli.js schema > ...)', () => {
    const published = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'schema', 'snapmirror-scheduler.schema.json'), 'utf8'),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });
});
