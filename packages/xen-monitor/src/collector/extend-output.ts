// What the snmpd `extend` prints: the collector's cached raw report, flagged when the cache is older than
// expected (the root cron job stopped) or missing. Fast and side-effect free: snmpd runs it synchronously.
import { readFileSync, statSync } from 'node:fs';

export interface ExtendOutput {
  text: string;
  /** Nagios code of the (possibly downgraded) status: becomes nsExtendResult. */
  exitCode: number;
}

const CODES: Record<string, number> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };
const RANK: Record<string, number> = { OK: 0, UNKNOWN: 1, WARNING: 2, CRITICAL: 3 };

function unknownLine(msg: string): string {
  return `UNKNOWN Domain-0 - collector-cache - ${msg}`;
}

/** A cache file's text and modification time, or why it could not be read (errno code). */
export function readCacheFile(file: string): { text: string; mtime: number } | { why: string } {
  try {
    const mtime = statSync(file).mtimeMs;
    return { text: readFileSync(file, 'utf8'), mtime };
  } catch (err) {
    return { why: (err as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
}

export function extendOutput(
  cacheFile: string,
  maxAgeMs: number,
  now = Date.now(),
  host = 'unknown',
): ExtendOutput {
  const cache = readCacheFile(cacheFile);
  if ('why' in cache) {
    const { why } = cache;
    return {
      text: `# opskit-xen-raw 1 host=${host} time=${Math.floor(now / 1000)} status=UNKNOWN domains=0 problems=1\n${unknownLine(`no collector cache ${cacheFile} (${why}): has xen-dom0-collector run?`)}\n`,
      exitCode: 3,
    };
  }
  const { text, mtime } = cache;
  const lines = text.replace(/\n$/, '').split('\n');
  const head = /^(# opskit-xen-raw 1 host=\S+ time=\d+ status=)(\w+)( domains=\d+ problems=)(\d+)$/.exec(
    lines[0] ?? '',
  );
  if (!head) return { text: `${text.replace(/\n$/, '')}\n`, exitCode: 3 };
  let status = head[2]!;
  const age = now - mtime;
  if (age > maxAgeMs) {
    lines.splice(
      1,
      0,
      unknownLine(
        `collector cache is ${Math.round(age / 60000)}m old (limit ${Math.round(maxAgeMs / 60000)}m): is the collector's cron job or timer running?`,
      ),
    );
    if (RANK[status]! < RANK['UNKNOWN']!) status = 'UNKNOWN';
    lines[0] = `${head[1]}${status}${head[3]}${Number(head[4]) + 1}`;
  }
  return { text: `${lines.join('\n')}\n`, exitCode: CODES[status] ?? 3 };
}
