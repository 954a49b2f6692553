// The access evaluator against the real svnauthz: for each authz file, every user x repository x path
// answer must be the same as `svnauthz accessof`.
import { writeFileSync } from 'node:fs';
import { makeTempDir } from '@opskit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { svnauthzAccessOf } from '../svnauthz.js';
import { evaluateAccess, globMatches } from './evaluate.js';
import { parseAuthz } from './parse.js';

const tmp = makeTempDir('websvn-authz-eval-');
afterAll(() => tmp.remove());

const FILES: Record<string, string> = {
  'entries in one section are OR-ed': '[groups]\ng = alice\n[/]\nalice = r\n* = rw\n',
  'a deeper section without a matching entry falls back to the parent':
    '[groups]\ng = bob\n[/]\n* = rw\n[/x]\n@g =\n',
  'a repository rule overrides the global one only when it matches the user':
    '[groups]\nall = alice, bob, carol\nleads = bob\n[/]\n@all = rw\n[repoA:/]\n@leads = rw\n* =\n',
  'inversions and special tokens':
    '[groups]\ng = alice\n[/]\n~@g = r\n[/x]\n~alice = rw\n$anonymous = r\n[repoB:/secret]\n~$anonymous = r\n[repoA:/secret]\n$authenticated =\n',
  'aliases, nested groups, a group only of groups':
    '[aliases]\nal = alice\n[groups]\ninner = &al, bob\nouter = @inner\nempty =\n[/]\n@outer = r\n@empty = rw\n[repoA:/x/y]\n&al = rw\n',
  'globs: the rule written last wins at the same path':
    '[/]\n* = r\n[:glob:/**/*.doc]\nbob = rw\n* =\n[:glob:/x/*]\nalice = rw\n[/x/y]\ncarol = rw\n[:glob:repoA:/secret/**]\n* =\n',
};
const USERS = ['alice', 'bob', 'carol', undefined];
const REPOS = ['repoA', 'repoB'];
const PATHS = ['/', '/x', '/x/y', '/x/y/b.doc', '/a.doc', '/secret', '/secret/deep'];

describe('evaluateAccess agrees with svnauthz accessof', () => {
  it.each(Object.entries(FILES))('%s', async (_name, text) => {
    const file = tmp.join(`${Object.keys(FILES).indexOf(_name)}.authz`);
    writeFileSync(file, text);
    const authz = parseAuthz(text);
    const diffs: string[] = [];
    for (const user of USERS) {
      for (const repository of REPOS) {
        const answers = await Promise.all(
          PATHS.map((path) => svnauthzAccessOf(file, { repository, path, user })),
        );
        PATHS.forEach((path, i) => {
          const ours = evaluateAccess(authz, repository, path, user);
          if (ours !== answers[i])
            diffs.push(`${user ?? '(anon)'} ${repository}:${path} ours=${ours} svnauthz=${answers[i]}`);
        });
      }
    }
    expect(diffs).toEqual([]);
  });
});

describe('globMatches', () => {
  it.each([
    ['/**/*.doc', '/a.doc', true],
    ['/**/*.doc', '/x/y/b.doc', true],
    ['/**/*.doc', '/x/y/b.docx', false],
    ['/x/*', '/x/y', true],
    ['/x/*', '/x/y/z', false],
    ['/**', '/', true],
    ['/a\\*b', '/a*b', true],
    ['/a\\*b', '/axb', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globMatches(pattern, path)).toBe(expected);
  });
});
