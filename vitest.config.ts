import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Workspace package folders (packages/*, tools/*), one vitest project each. */
export const packageDirs = ['packages', 'tools']
  .flatMap((top) => (existsSync(top) ? readdirSync(top).map((name) => `${top}/${name}`) : []))
  .filter((dir) => existsSync(`${dir}/package.json`));

// Tests import @opskit/* sources through the "source" export condition (no build needed for library code).
export const conditions = ['source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1] ?? dir,
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      },
    })),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI asks for a JSON file of results to count passed and failed tests itself.
    reporters: process.env['OPSKIT_TEST_JSON'] ? ['default', 'json'] : ['default'],
    outputFile: process.env['OPSKIT_TEST_JSON'] ? { json: process.env['OPSKIT_TEST_JSON'] } : {},
  },
});
