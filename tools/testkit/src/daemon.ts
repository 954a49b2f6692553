// A peer daemon run in the foreground for a test: spawned, waited for until its ports answer on
// 127.0.0.1 (failing at once, with its output, when it exits first), and stopped with SIGTERM,
// then SIGKILL when it lingers.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { waitFor } from './process.js';

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface DaemonOptions {
  /** Name in error messages (e.g. `apache2`). */
  name: string;
  /** Ports on 127.0.0.1 that must all accept connections before the daemon counts as up. */
  ports: number[];
  /** What the wait is for, in the timeout message (e.g. `slapd on ldap://127.0.0.1:1234`). */
  waitingFor: string;
  /** Collect stdout too (stderr is always collected). */
  captureStdout?: boolean;
  /** More text for the message when the daemon exits early (e.g. its error log). */
  extraOutput?: () => string;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  killAfterMs: number;
}

export interface Daemon {
  child: ChildProcess;
  /** Waits for the process to end after SIGTERM (SIGKILL after killAfterMs); no-op when it has exited. */
  stop(): Promise<void>;
}

/**
 * Spawns `command args` and resolves once every port answers; rejects (and stops it) when it exits
 * first or after 30 s.
 */
export async function startDaemon(command: string, args: string[], options: DaemonOptions): Promise<Daemon> {
  let output = '';
  const child = spawn(command, args, {
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  const collect = (d: string) => {
    output += d;
  };
  child.stdout?.setEncoding('utf8').on('data', collect);
  child.stderr?.setEncoding('utf8').on('data', collect);
  // A process ended by a signal keeps exitCode null: only both together say it has exited.
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async (): Promise<void> => {
    if (exited()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };
  try {
    await waitFor(
      async () => {
        if (exited()) {
          const how =
            child.signalCode !== null ? `was killed by ${child.signalCode}` : `exited with ${child.exitCode}`;
          throw new Error(`${options.name} ${how}: ${output}${options.extraOutput?.() ?? ''}`);
        }
        for (const port of options.ports) if (!(await portOpen(port))) return false;
        return true;
      },
      30_000,
      options.waitingFor,
    );
  } catch (err) {
    // A daemon that never came up is not left running behind the failed test.
    await stop();
    throw err;
  }
  return { child, stop };
}
