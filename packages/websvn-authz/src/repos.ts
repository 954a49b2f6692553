// Repositories of a parent path as Subversion and WebSVN see them: directories (not starting with a
// dot) that hold a db/ directory and a format file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OpskitError } from '@opskit/core';

export function isRepository(dir: string): boolean {
  try {
    return statSync(join(dir, 'db')).isDirectory() && existsSync(join(dir, 'format'));
  } catch {
    return false;
  }
}

/** Lists the repositories on disk under a parent path, sorted. */
export function discoverRepositories(parentPath: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parentPath);
  } catch (err) {
    throw new OpskitError(
      'E_PARENT_PATH',
      `cannot list parent path ${parentPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return names.filter((n) => !n.startsWith('.') && isRepository(join(parentPath, n))).sort();
}
