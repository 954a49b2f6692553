// Human, JSON and CSV output of the commands (the CLI's formatting layer; the library returns data).
import { type CommandContext, printJson, renderTable } from '@opskit/core';
import type { AuditReport } from './commands/audit.js';
import type { SyncReport } from './commands/sync.js';
import type { FilesReport } from './commands/websvn.js';
import type { InstallOutcome } from './install.js';

function files(ctx: CommandContext, list: InstallOutcome[], dryRun: boolean): void {
  if (dryRun)
    for (const f of list) if (f.diff) ctx.stdout.write(f.diff.endsWith('\n') ? f.diff : `${f.diff}\n`);
  ctx.stdout.write(
    renderTable(
      ['file', 'status'],
      list.map((f) => [f.file, f.status]),
    ),
  );
}

export function printFiles(ctx: CommandContext, r: FilesReport, json: boolean, dryRun: boolean): void {
  for (const w of r.warnings) ctx.log.warn(w);
  if (json) printJson(ctx.stdout, r);
  else files(ctx, r.files, dryRun);
}

export function printSync(ctx: CommandContext, r: SyncReport, json: boolean, dryRun: boolean): void {
  printFiles(ctx, r, json, dryRun);
  if (!json)
    ctx.stdout.write(
      `${r.groups.length} groups, ${r.users} users, ${r.ldap.requests} LDAP requests, ${(r.durationMs / 1000).toFixed(2)} s\n`,
    );
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function printAudit(ctx: CommandContext, r: AuditReport, how: { json: boolean; csv: boolean }): void {
  for (const m of r.mismatches) {
    ctx.log.error(
      `mismatch: ${m.parent}/${m.repository}:${m.path} ${m.user}: computed ${m.access}, svnauthz ${m.svnauthz}`,
    );
  }
  if (how.json) {
    printJson(ctx.stdout, r);
    return;
  }
  if (how.csv) {
    ctx.stdout.write('parent,repository,path,user,access\n');
    for (const e of r.entries)
      ctx.stdout.write(`${[e.parent, e.repository, e.path, e.user, e.access].map(csvCell).join(',')}\n`);
    return;
  }
  ctx.stdout.write(
    renderTable(
      ['parent', 'repository', 'path', 'write (rw)', 'read only (r)', 'anonymous', 'other users'],
      r.repositories.map((x) => [
        x.parent,
        x.repository,
        x.path,
        x.writers.join(' ') || '-',
        x.readers.join(' ') || '-',
        x.anonymous,
        x.otherAuthenticated,
      ]),
    ),
  );
  ctx.stdout.write(
    r.checked
      ? `cross-checked ${r.checked} of ${r.entries.length} answers with svnauthz accessof: ${r.mismatches.length} mismatches\n`
      : 'not cross-checked\n',
  );
}
