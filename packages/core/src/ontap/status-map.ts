// Dialect words for mirror state and activity, mapped case-insensitively onto the normalised contract.
import type { MirrorState, RelationshipActivity } from './types.js';

const STATES: Record<string, MirrorState> = {
  uninitialized: 'uninitialized',
  snapmirrored: 'snapmirrored',
  'broken-off': 'broken-off',
  broken_off: 'broken-off',
  quiesced: 'quiesced',
  paused: 'quiesced',
  source: 'source',
  unknown: 'unknown',
  // REST synchronous states: the mirror exists and is in use
  in_sync: 'snapmirrored',
  out_of_sync: 'snapmirrored',
  synchronizing: 'snapmirrored',
  // seen in REST test data while a transfer runs
  transferring: 'snapmirrored',
};

export function mapMirrorState(text: string | undefined): MirrorState {
  return STATES[(text ?? '').trim().toLowerCase()] ?? 'unknown';
}

const ACTIVITIES: Record<string, RelationshipActivity> = {
  idle: 'idle',
  '-': 'idle',
  'idle with restart checkpoint': 'idle',
  transferring: 'transferring',
  'transferring, checking': 'transferring',
  pending: 'pending',
  'pending with restart checkpoint': 'pending',
  waiting: 'pending',
  queued: 'queued',
  aborting: 'aborting',
  quiescing: 'quiescing',
  quiesced: 'idle',
  finalizing: 'finalizing',
  preparing: 'preparing',
  checking: 'checking',
  fixing: 'checking',
  resyncing: 'transferring',
  syncing: 'transferring',
  'in-sync': 'idle',
  migrating: 'transferring',
  paused: 'idle',
  breaking: 'idle',
};

export function mapActivity(text: string | undefined): RelationshipActivity {
  return ACTIVITIES[(text ?? '').trim().toLowerCase()] ?? 'unknown';
}

/** Activities during which a transfer holds or waits for a slot on the filer. */
export function countsAgainstLimits(activity: RelationshipActivity): boolean {
  return activity !== 'idle' && activity !== 'unknown';
}
