// scheduleSnapMirror_<filer>.conf: one replication per line, the top launched first.
//
//   # comment
//   myVol13                                  short form: paired source filer, destination R_myVol13
//   nas1a:myVol13                            destination volume from the template on this filer
//   nas1a:/vol/vol1/qt1                      qtree: /vol/R_vol1/qt1 on this filer
//   nas1a:vol2  vol2_mirror  priority=10 rate=20000 baseline=yes size=50G business=yes
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@opskit/core';
import { locationPrefix, type SchedulerConfig } from './config.js';
import { applyTemplate, formatLocation, type Location, locationKey, parseLocation } from './location.js';

export interface TransferSpec {
  /** Stable key: the normalised destination location. */
  id: string;
  /** Receiving filer (configuration name): where the transfer is launched. */
  filer: string;
  source: string;
  destination: string;
  kind: 'volume' | 'qtree';
  priority: number;
  rateKBps?: number | undefined;
  baseline?: boolean | undefined;
  sizeHintBytes?: number | undefined;
  allowIntoBusinessHours?: boolean | undefined;
  file: string;
  line: number;
  /** Position in the configuration (files in command-line order, then line order). */
  order: number;
}

export const confFileName = (filer: string) => `scheduleSnapMirror_${filer}.conf`;

const NAME = /^[A-Za-z0-9_.-]+$/;
const OPTIONS = ['priority', 'rate', 'baseline', 'size', 'business'] as const;

/** "50G" -> bytes (powers of 1024; no suffix = bytes). */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)i?B?$/i.exec(text);
  if (!m) return undefined;
  const exp = ' KMGTP'.indexOf((m[2] ?? '').toUpperCase() || ' ');
  return Math.round(Number(m[1]) * 1024 ** Math.max(0, exp));
}

function parseBool(text: string): boolean | undefined {
  if (/^(yes|true|on|1)$/i.test(text)) return true;
  if (/^(no|false|off|0)$/i.test(text)) return false;
  return undefined;
}

/** Parses one configuration file's text. Throws a ConfigError naming file:line on the first bad line. */
export function parseScheduleFile(
  text: string,
  file: string,
  filer: string,
  config: SchedulerConfig,
  orderBase = 0,
): TransferSpec[] {
  const specs: TransferSpec[] = [];
  const prefix = locationPrefix(config, filer);
  const pairedSource = config.filers[filer]?.sourceFiler;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) return;
    const fail = (msg: string): never => {
      throw new ConfigError(`${msg}: "${raw.trim()}"`, { file, line: lineNo });
    };
    const tokens = content.split(/\s+/);
    const positional = tokens.filter((t) => !t.includes('='));
    const options = Object.fromEntries(
      tokens
        .filter((t) => t.includes('='))
        .map((t) => {
          const [k = '', v = ''] = t.split('=', 2);
          if (!(OPTIONS as readonly string[]).includes(k))
            fail(`unknown option "${k}" (expected ${OPTIONS.join(', ')})`);
          if (!v) fail(`option "${k}" has no value`);
          return [k, v];
        }),
    );
    if (positional.length === 0 || positional.length > 2) {
      fail('expected "<source> [<destination>] [option=value ...]"');
    }
    const [srcText = '', dstText] = positional;

    let source: Location | undefined;
    if (NAME.test(srcText)) {
      if (!pairedSource) {
        fail(
          `short form "${srcText}" needs filers.${filer}.sourceFiler (the paired source filer) in the configuration`,
        );
      }
      source = { prefix: pairedSource ?? '', volume: srcText };
    } else {
      source = parseLocation(srcText);
      if (!source)
        fail('source is not a location (expected volume, filer:volume or filer:/vol/volume/qtree)');
    }
    const src = source as Location;

    let destination: Location | undefined;
    if (dstText === undefined) {
      const volume = applyTemplate(config.templates.destinationVolume, {
        volume: src.volume,
        filer: src.prefix,
      });
      const qtree = src.qtree
        ? applyTemplate(config.templates.destinationQtree, { qtree: src.qtree, volume: src.volume })
        : undefined;
      destination = { prefix, volume, qtree };
    } else if (NAME.test(dstText)) {
      destination = { prefix, volume: dstText, qtree: src.qtree };
    } else if (/^\/vol\//.test(dstText)) {
      destination = parseLocation(`${prefix}:${dstText}`);
    } else {
      destination = parseLocation(dstText);
    }
    if (!destination)
      fail('destination is not a location (expected volume, filer:volume or /vol/volume/qtree)');
    const dst = destination as Location;
    if (dst.prefix.toLowerCase() !== prefix.toLowerCase()) {
      fail(`destination ${formatLocation(dst)} is not on receiving filer ${filer} (expected ${prefix}:...)`);
    }
    if (Boolean(src.qtree) !== Boolean(dst.qtree))
      fail('source and destination must both be volumes or both qtrees');

    const spec: TransferSpec = {
      id: locationKey(formatLocation(dst)),
      filer,
      source: formatLocation(src),
      destination: formatLocation(dst),
      kind: src.qtree ? 'qtree' : 'volume',
      priority: 0,
      file,
      line: lineNo,
      order: orderBase + specs.length,
    };
    if (options['priority'] !== undefined) {
      if (!/^-?\d+$/.test(options['priority'])) fail('priority must be an integer (higher runs first)');
      spec.priority = Number(options['priority']);
    }
    if (options['rate'] !== undefined) {
      if (!/^\d+$/.test(options['rate'])) fail('rate must be a whole number of KB/s (0 = unlimited)');
      spec.rateKBps = Number(options['rate']);
    }
    if (options['baseline'] !== undefined) {
      spec.baseline = parseBool(options['baseline']) ?? fail('baseline must be yes or no');
    }
    if (options['business'] !== undefined) {
      spec.allowIntoBusinessHours = parseBool(options['business']) ?? fail('business must be yes or no');
    }
    if (options['size'] !== undefined) {
      spec.sizeHintBytes =
        parseSize(options['size']) ?? fail('size must be a size such as 500M, 20G or 1.5T');
    }
    const dup = specs.find((s) => s.id === spec.id);
    if (dup) fail(`destination ${spec.destination} already listed at line ${dup.line}`);
    specs.push(spec);
  });
  return specs;
}

/** Reads scheduleSnapMirror_<filer>.conf for each receiving filer named, in order. */
export function loadSchedules(configDir: string, filers: string[], config: SchedulerConfig): TransferSpec[] {
  const all: TransferSpec[] = [];
  for (const filer of filers) {
    if (!config.filers[filer]) {
      const known = Object.keys(config.filers).join(', ');
      throw new ConfigError(`unknown filer "${filer}" (configured filers: ${known})`, { field: 'filers' });
    }
    const file = join(configDir, confFileName(filer));
    if (!existsSync(file)) {
      const present = existsSync(configDir)
        ? readdirSync(configDir).filter((f) => f.startsWith('scheduleSnapMirror_'))
        : [];
      throw new ConfigError(
        `missing ${confFileName(filer)} for filer ${filer}`,
        { file },
        {
          hint: present.length ? `found: ${present.join(', ')}` : undefined,
        },
      );
    }
    all.push(...parseScheduleFile(readFileSync(file, 'utf8'), file, filer, config, all.length));
  }
  return all;
}
