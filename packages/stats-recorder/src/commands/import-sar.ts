// `stats-recorder import-sar`: sysstat data files through sadf, or text sadf already produced.
import { readFileSync } from 'node:fs';
import { ExecError, exec, OpskitError, UsageError } from '@opskit/core';
import { findProgram } from '../collect/guests.js';
import { withStatsDb } from '../db/open.js';
import { checkSarHost, HostMismatchError, sameHost } from '../sar/guard.js';
import { type ImportResult, importSadf } from '../sar/import.js';
import { parseSadf } from '../sar/parse-sadf.js';

/** One sadf run per activity: a file lacking one activity (e.g. disks) still imports the rest. */
export const SADF_ACTIVITIES: string[][] = [['-u'], ['-q'], ['-r'], ['-S'], ['-W'], ['-n', 'DEV'], ['-d']];

export async function sadfText(file: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!findProgram('sadf', env)) {
    throw new OpskitError('E_NO_SADF', 'sadf is not installed', {
      hint: 'install sysstat (apt-get install sysstat), or run "sadf -d -U FILE -- -u -q -r -S -W -n DEV -d" elsewhere and import its output with --sadf-output',
    });
  }
  const parts: string[] = [];
  for (const act of SADF_ACTIVITIES) {
    const r = await exec('sadf', ['-d', '-U', file, '--', ...act], { timeoutMs: 120_000, reject: false });
    if (r.exitCode === 0) parts.push(r.stdout);
    else if (!/not available|Requested activities/i.test(r.stderr))
      throw new ExecError(r, `exit code ${r.exitCode}`);
  }
  return parts.join('\n');
}

export async function runImportSar(o: {
  db: string;
  files: string[];
  sadfOutput: boolean;
  /** Import sysstat data of another host than the database records. */
  force?: boolean;
}): Promise<ImportResult> {
  if (!o.files.length) throw new UsageError('give at least one file');
  const total: ImportResult = {
    host: undefined,
    imported: 0,
    skipped: 0,
    overlapping: 0,
    ifaces: 0,
    disks: 0,
  };
  const texts: [string, string][] = [];
  for (const f of o.files) {
    if (o.sadfOutput) {
      try {
        texts.push([f, readFileSync(f, 'utf8')]);
      } catch (err) {
        throw new UsageError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code}`);
      }
    } else texts.push([f, await sadfText(f)]);
  }
  const parsed = texts.map(([f, t]) => [f, parseSadf(t, f)] as const);
  withStatsDb(o.db, {}, (db) => {
    // Every file is checked before any is imported: a wrong host among them imports nothing.
    const first = parsed.find(([, p]) => p.hostname !== undefined);
    for (const [f, p] of parsed) {
      checkSarHost(db, p.hostname, f, o.force);
      const h = first?.[1].hostname;
      if (!o.force && h !== undefined && p.hostname !== undefined && !sameHost(h, p.hostname))
        throw new HostMismatchError(f, p.hostname, h, `${first![0]} is of host`);
    }
    for (const [f, p] of parsed) {
      const r = importSadf(db, p, { force: o.force, file: f });
      total.host ??= r.host;
      total.imported += r.imported;
      total.skipped += r.skipped;
      total.overlapping += r.overlapping;
      if (r.recorderSpan) total.recorderSpan = r.recorderSpan;
      total.ifaces = Math.max(total.ifaces, r.ifaces);
      total.disks = Math.max(total.disks, r.disks);
    }
  });
  return total;
}
