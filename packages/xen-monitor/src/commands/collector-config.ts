// The collector configuration as the dom0 commands see it: the file (--config, else
// $OPSKIT_XEN_COLLECTOR_CONFIG, else the defaults), then the xenstore and --domains flags over it.
import type { CommandArgs, CommandContext } from '@opskit/core';
import { type CollectorConfig, loadCollectorConfig } from '../collector/config.js';
import type { DomainSource } from '../collector/domains.js';
import { applyXenstoreFlags } from './common.js';

export function collectorConfig(args: CommandArgs, ctx: CommandContext): CollectorConfig {
  const config = loadCollectorConfig(args.config ?? ctx.env['OPSKIT_XEN_COLLECTOR_CONFIG']);
  config.xenstore = applyXenstoreFlags(config.xenstore, args, ctx.env);
  if (typeof args['domains'] === 'string') config.domains.source = args['domains'] as DomainSource;
  return config;
}
