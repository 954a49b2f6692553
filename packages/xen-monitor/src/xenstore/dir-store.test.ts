import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { DirXenStore } from './dir-store.js';
import { sanitiseValue, unsanitiseValue } from './escape.js';

describe('DirXenStore', () => {
  it('stores values, children and permissions in a directory tree, relative paths under its domain', async () => {
    const tmp = makeTempDir('xen-dir-');
    try {
      const s = new DirXenStore(tmp.path, { domid: 5 });
      expect(await s.getDomainPath()).toBe('/local/domain/5');
      await s.write('data/opskit-xen/record', 'a\nb');
      expect(await s.read('/local/domain/5/data/opskit-xen/record')).toBe('a\nb');
      expect(await s.read('/local/domain/5/data')).toBe('');
      expect(await s.list('/local/domain/5/data')).toEqual(['opskit-xen']);
      await s.setPermissions('data', [{ letter: 'n', domid: 5 }]);
      expect(await s.getPermissions('data')).toEqual([{ letter: 'n', domid: 5 }]);
      await s.remove('data/opskit-xen');
      expect(await s.read('data/opskit-xen/record')).toBeUndefined();
      expect(await s.list('/nothing')).toBeUndefined();
      await expect(s.read('../../etc/hosts')).rejects.toThrow(/invalid path/);
    } finally {
      tmp.remove();
    }
  });
});

describe('xenstore value escaping', () => {
  it('undoes what xenstore-read prints', () => {
    const raw = 'a\tb\u0001c\\d\u00ffe\n';
    expect(sanitiseValue(raw)).toBe('a\\tb\\001c\\\\d\\xffe\\n');
    expect(unsanitiseValue(sanitiseValue(raw))).toBe(raw);
  });
});
