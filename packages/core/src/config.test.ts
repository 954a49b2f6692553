import { describe, expect, it } from 'vitest';
import { fieldName, parseStructured, validateDocument } from './config.js';
import { ConfigError } from './errors.js';

const schema = {
  type: 'object',
  required: ['name', 'nodes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, id: { type: 'integer', default: 1 } },
      },
    },
  },
} as const;

describe('structured config', () => {
  it('validates YAML and applies defaults', () => {
    const doc = validateDocument<{ nodes: { id: number }[] }>(
      parseStructured('name: c\nnodes:\n  - name: a\n', 'c.yaml'),
      schema,
    );
    expect(doc.data.nodes[0]?.id).toBe(1);
  });

  it('names file:line and the field for a single problem', () => {
    const text = 'name: c\nnodes:\n  - name: a\n  - name: b\n    id: two\n';
    const err = (() => {
      try {
        validateDocument(parseStructured(text, 'cluster.yaml'), schema);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toBe('cluster.yaml:5: nodes[1].id: expected integer');
    expect(err?.exitCode).toBe(2);
  });

  it('lists every problem with its line, including unknown fields, in JSON too', () => {
    const text = '{\n  "name": "c",\n  "nodes": [\n    { "nam": "a" }\n  ]\n}\n';
    try {
      validateDocument(parseStructured(text, 'c.json'), schema);
      expect.unreachable();
    } catch (e) {
      const err = e as ConfigError;
      expect(err.problems).toEqual([
        'c.json:4: nodes[0]: missing required field "name"',
        'c.json:4: nodes[0].nam: unknown field "nam"',
      ]);
    }
  });

  it('reports a syntax error with its line', () => {
    expect(() => parseStructured('name: c\nnodes: [a, b\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+: /);
  });

  it('rejects duplicate keys', () => {
    expect(() => parseStructured('name: a\nname: b\n', 'dup.yaml')).toThrow(ConfigError);
  });

  it('turns JSON pointers into field names', () => {
    expect(fieldName('/nodes/0/name')).toBe('nodes[0].name');
    expect(fieldName('')).toBe('');
  });
});
