// `status [filer...]`: what each receiving filer is transferring now.
import type { Clock, Relationship } from '@opskit/core';
import { prepareClientsOnly } from './shared.js';

export interface FilerStatus {
  filer: string;
  ok: boolean;
  error?: string;
  relationships: number;
  transferring: Relationship[];
}

export async function statusCommand(options: {
  configDir: string;
  filers: string[];
  clock: Clock;
  env?: NodeJS.ProcessEnv;
}): Promise<FilerStatus[]> {
  const { clients } = await prepareClientsOnly(options);
  try {
    return await Promise.all(
      [...clients].map(async ([filer, client]) => {
        try {
          const rels = await client.listRelationships();
          return {
            filer,
            ok: true,
            relationships: rels.length,
            transferring: rels.filter((r) => r.transferring),
          };
        } catch (err) {
          return { filer, ok: false, error: (err as Error).message, relationships: 0, transferring: [] };
        }
      }),
    );
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close().catch(() => undefined)));
  }
}
