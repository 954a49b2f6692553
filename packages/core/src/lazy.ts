// Heavy dependencies load on first use, so a small command (a cron agent, an snmpd extend) starts fast.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function returning the CommonJS build of `id`, required the first time it is called. */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => {
    mod ??= require(id) as T;
    return mod;
  };
}
