import { writeFileSync } from 'node:fs';
import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { configReader } from './config-file.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: { interval: { type: 'integer', minimum: 1, default: 5 }, name: { type: 'string' } },
} as const;
const reader = configReader<{ interval: number; name?: string }>(schema);

describe('configReader', () => {
  it('gives the defaults without a file, for an empty file and for empty text', () => {
    const dir = makeTempDir('xen-config-');
    try {
      writeFileSync(dir.join('empty.yaml'), '');
      expect(reader.load()).toEqual({ interval: 5 });
      expect(reader.load(dir.join('empty.yaml'))).toEqual({ interval: 5 });
      expect(reader.parse('')).toEqual({ interval: 5 });
      expect(reader.parse('name: web\n')).toEqual({ interval: 5, name: 'web' });
    } finally {
      dir.remove();
    }
  });

  it('names the file, line and field of a bad value', () => {
    expect(() => reader.parse('name: web\ninterval: 0\n', 'x.yaml')).toThrow(/x\.yaml:2: interval/);
    expect(() => reader.parse('{"interval": "often"}')).toThrow(/\(inline\):1: interval/);
    expect(() => reader.load('/nonexistent/xen.yaml')).toThrow(/cannot read: ENOENT/);
  });
});
