// startDaemon with daemons that end by a signal: exitCode stays null then, signalCode says why.
import { describe, expect, it } from 'vitest';
import { startDaemon } from './daemon.js';
import { freePort } from './process.js';

const options = (port: number) => ({
  name: 'test-daemon',
  ports: [port],
  waitingFor: `test-daemon on port ${port}`,
  killAfterMs: 5_000,
});

/** A node process that listens on 127.0.0.1:port until it is stopped. */
const listener = (port: number) => ['-e', `require('node:net').createServer().listen(${port}, '127.0.0.1')`];

describe('startDaemon', () => {
  it('fails at once, naming the signal, when the daemon is killed by a signal before its ports answer', async () => {
    const port = await freePort();
    await expect(startDaemon('/bin/sh', ['-c', 'kill -KILL $$'], options(port))).rejects.toThrow(
      /^test-daemon was killed by SIGKILL/,
    );
  }, 60_000);

  it('stop() returns for a daemon that a signal has already ended', async () => {
    const port = await freePort();
    const daemon = await startDaemon(process.execPath, listener(port), options(port));
    const ended = new Promise((resolve) => daemon.child.once('exit', resolve));
    daemon.child.kill('SIGKILL');
    await ended;
    expect(daemon.child.exitCode).toBeNull();
    expect(daemon.child.signalCode).toBe('SIGKILL');
    await daemon.stop();
  }, 60_000);

  it('stop() ends a running daemon with SIGTERM', async () => {
    const port = await freePort();
    const daemon = await startDaemon(process.execPath, listener(port), options(port));
    await daemon.stop();
    expect(daemon.child.signalCode).toBe('SIGTERM');
    await daemon.stop();
  }, 60_000);
});
