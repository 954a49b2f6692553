// Agent: one full run as a process (checks on this host's /proc and /sys, ping of a loopback gateway,
// record written as a guest into the test xenstored) - wall time and peak RSS, beside `node -e 0`.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { builtBin, makeTempDir } from '@opskit/testkit';
import { startXenstored } from '@opskit/testkit/xenstored';
import { it } from 'vitest';

function timed(
  cmd: string[],
  env: Record<string, string> = {},
): Promise<{ ms: number; rssMiB: number; code: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    execFile(
      '/usr/bin/time',
      ['-f', 'RSS %M', ...cmd],
      { env: { ...process.env, ...env } },
      (err, _out, stderr) => {
        const ms = performance.now() - t;
        const rss = /RSS (\d+)/.exec(stderr);
        if (!rss) return reject(new Error(`no /usr/bin/time output: ${stderr}`));
        resolve({ ms, rssMiB: Number(rss[1]) / 1024, code: (err as { code?: number } | null)?.code ?? 0 });
      },
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it('agent: full run wall time and peak memory, and CLI cold start vs node -e 0', async () => {
  const tmp = makeTempDir('xen-bench-');
  const xs = await startXenstored();
  try {
    xs.addDomain({ domid: 3, name: 'bench01' });
    const sock = await xs.socketFor(3);
    mkdirSync(tmp.join('sys/class/net/eth0'), { recursive: true });
    writeFileSync(tmp.join('sys/class/net/eth0/address'), '00:16:7f:00:00:05\n');
    writeFileSync(
      tmp.join('agent.yaml'),
      `sysRoot: ${tmp.join('sys')}\nstateFile: ${tmp.join('state.json')}\n` +
        'checks:\n  gateway: { source: mac, count: 1, rules: [{ network: 127.0.0.0/8, gateway: 127.0.0.1 }] }\n',
    );
    const bin = builtBin('xen-monitor', 'domu-cli.js');
    const runs = 10;
    const agent: { ms: number; rssMiB: number }[] = [];
    const help: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push((await timed([process.execPath, '-e', '0'])).ms);
      agent.push(await timed([process.execPath, bin, 'run', '-c', tmp.join('agent.yaml'), '--socket', sock]));
      help.push((await timed([process.execPath, bin, '--version'])).ms);
    }
    const record = xs.tree.get('/local/domain/3/data/opskit-xen/record')?.value.toString() ?? '';
    if (!record.includes('gateway:eth0')) throw new Error(`the agent did not write a full record: ${record}`);
    const m = median(agent.map((a) => a.ms));
    const peak = Math.max(...agent.map((a) => a.rssMiB));
    console.log(
      `xen-monitor agent: full run median ${m.toFixed(0)} ms (target < 300 ms), peak RSS ${peak.toFixed(1)} MiB (target < 80 MB) over ${runs} runs\n` +
        `xen-monitor agent: CLI cold start (--version) median ${median(help).toFixed(0)} ms vs node -e 0 ${median(base).toFixed(0)} ms (ratio ${(median(help) / median(base)).toFixed(2)}); full run / node -e 0 ratio ${(m / median(base)).toFixed(2)}; the run itself beyond CLI start-up ${(m - median(help)).toFixed(0)} ms`,
    );
  } finally {
    await xs.stop();
    tmp.remove();
  }
});
