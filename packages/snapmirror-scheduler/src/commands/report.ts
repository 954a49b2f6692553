// `report --html FILE SUMMARY`: the HTML report of a run from its JSON summary.
import { readFileSync } from 'node:fs';
import { ConfigError, writeFileAtomic } from '@opskit/core';
import { renderHtmlReport } from '../report-html.js';
import type { RunSummary } from '../summary.js';

export function readSummary(file: string): RunSummary {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`not a readable JSON summary: ${(err as Error).message}`, { file });
  }
  const s = data as Partial<RunSummary>;
  if (
    s.version !== 1 ||
    !Array.isArray(s.transfers) ||
    !Array.isArray(s.timeline) ||
    typeof s.started !== 'string'
  ) {
    throw new ConfigError(
      'not a snapmirror-scheduler run summary (expected version 1 with transfers and timeline)',
      { file },
    );
  }
  return s as RunSummary;
}

export function reportCommand(options: {
  summaryFile: string;
  htmlFile: string;
  title?: string;
}): RunSummary {
  const summary = readSummary(options.summaryFile);
  writeFileAtomic(options.htmlFile, renderHtmlReport(summary, options.title));
  return summary;
}
