// The site file: schema defaults, and errors that name file:line and the field.
import { writeFileSync } from 'node:fs';
import { ConfigError } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSite } from './site.js';

const tmp = makeTempDir('websvn-authz-site-');
afterAll(() => tmp.remove());

const BASE = `ldap:
  url: ldap://127.0.0.1:389
  users: { base: 'ou=people,dc=example,dc=org' }
  groups: { base: 'ou=groups,dc=example,dc=org' }
groups:
  map: [{ ldap: pythondev }]
parents:
  - name: python
    path: /srv/svn/python
    authzFile: /etc/svn/python.authz
    rules:
      - repository: dns
        access: { '@pythondev': rw }
`;

function load(text: string, name = 'site.yaml') {
  const file = tmp.join(name);
  writeFileSync(file, text);
  return loadSite(file);
}

function errorOf(text: string): ConfigError {
  try {
    load(text);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSite', () => {
  it('applies the schema defaults', () => {
    const site = load(BASE);
    expect(site.ldap).toMatchObject({
      startTls: false,
      pageSize: 500,
      maxNestingDepth: 10,
      usernameCase: 'keep',
    });
    expect(site.ldap.users.loginAttribute).toBe('uid');
    expect(site.parents[0]?.rules[0]).toMatchObject({ path: '/', glob: false });
    expect(site.guard).toEqual({ emptiedGroup: 'fail', maxRemovedPercent: 100 });
    expect(site.groups.static).toEqual({});
  });

  it('reads the same site from JSON', () => {
    const yamlSite = load(BASE);
    const json = load(
      JSON.stringify({ ...yamlSite, file: undefined }, null, 2).replace(/\n\s*"file": null,?/, ''),
      'site.json',
    );
    expect(json.parents).toEqual(yamlSite.parents);
  });

  it.each([
    [
      'an unknown access value',
      BASE.replace("'@pythondev': rw", "'@pythondev': RW"),
      /site\.yaml:13: parents\[0\]\.rules\[0\]\.access\.@pythondev: expected one of "r", "rw", "none"/,
    ],
    [
      'an undefined group',
      BASE.replace("'@pythondev': rw", "'@javadev': rw"),
      /site\.yaml:13: parents\[0\]\.rules\[0\]\.access\.@javadev: "@javadev": group javadev is neither mapped/,
    ],
    [
      'a path with a trailing slash',
      BASE.replace('repository: dns', 'repository: dns\n        path: /trunk/'),
      /site\.yaml:13: parents\[0\]\.rules\[0\]\.path: "\/trunk\/" must not end with \//,
    ],
    ['~*', BASE.replace("'@pythondev': rw", "'~*': r"), /"~\*": ~\* never matches anyone/],
    [
      'an unknown $ token',
      BASE.replace("'@pythondev': rw", "'$everyone': r"),
      /only \$anonymous and \$authenticated exist/,
    ],
    [
      'the same section twice',
      BASE.replace(
        "access: { '@pythondev': rw }",
        "access: { '@pythondev': rw }\n      - repository: dns\n        access: { '*': r }",
      ),
      /section \[dns:\/\] is given twice/,
    ],
    [
      '[groups] in verbatim text',
      BASE.replace('    rules:', '    verbatim: |\n      [groups]\n      x = y\n    rules:'),
      /\[groups\] cannot be written by hand/,
    ],
    [
      'two parents sharing an authz file',
      `${BASE}  - name: java\n    path: /srv/svn/java\n    authzFile: /etc/svn/python.authz\n`,
      /used by two parent paths/,
    ],
    [
      'an alias target that would inject authz lines',
      `${BASE}aliases:\n  x: "x\\n[/]\\n* = rw"\n`,
      /\/site\.yaml:15: aliases\.x: alias target "x\\n\[\/\]\\n\* = rw" is not a user name: a line break$/m,
    ],
    [
      'an alias target that is a group',
      `${BASE}aliases:\n  ops: '@ops'\n`,
      /site\.yaml:15: aliases\.ops: alias target "@ops" is not a user name: a leading @ \$ & \* or ~/,
    ],
    [
      'an empty alias target',
      `${BASE}aliases:\n  dan: ''\n`,
      /site\.yaml:15: aliases\.dan: alias target "" is not a user name: empty name/,
    ],
    [
      'an unknown field',
      BASE.replace('  url:', '  uri: x\n  url:'),
      /site\.yaml:2: ldap\.uri: unknown field "uri"/,
    ],
  ])('rejects %s naming file, line and field', (_what, text, message) => {
    expect(errorOf(text).message).toMatch(message);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(errorOf('ldap:\n  url: [\n').message).toMatch(/site\.yaml:\d+:/);
  });
});
