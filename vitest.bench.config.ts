import { defineConfig } from 'vitest/config';
import { conditions, packageDirs } from './vitest.config.js';

// `pnpm bench`: every packages/*/bench/*.bench.ts, run once, printing its figures (never part of `pnpm test`).
// One package: `pnpm bench --project <name>`.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: { name: dir.split('/')[1] ?? dir, root: dir, include: ['bench/**/*.bench.ts'] },
    })),
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    pool: 'forks',
    disableConsoleIntercept: true,
    fileParallelism: false,
    passWithNoTests: true,
  },
});
