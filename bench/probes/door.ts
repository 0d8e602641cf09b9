/**
 * One round of the before/after probe (bench/door.bench.ts): boots the system of the tree
 * named on the command line with the API both trees share (boot, kernel.syscall,
 * host.spawnFile) and prints, as JSON, a syscall's cost, IPC throughput through syscalls and
 * the isolate spawn latency.
 *
 *   node bench/probes/door.ts /path/to/tree /path/to/agent.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tree, agentFile] = process.argv.slice(2);
const { boot } = (await import(
  pathToFileURL(join(tree, 'src', 'boot.ts')).href
)) as typeof import('../../src/boot.ts');

function nsPerOp(n: number, op: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) op();
  return Number(process.hrtime.bigint() - t0) / n;
}

const home = mkdtempSync(join(tmpdir(), 'aios-door-probe-'));
const system = await boot({ home: join(home, 'aios') });
try {
  const sys = (name: string, args: Record<string, unknown>) => system.kernel.syscall(1, name, args);
  const info = { handle: system.systemHandle };
  nsPerOp(200_000, () => sys('handle_info', info)); // warm
  const syscallNs = nsPerOp(1_000_000, () => sys('handle_info', info));
  const [w, r] = (sys('channel_create', { depth: 1024 }) as { handles: number[] }).handles;
  const write = { handle: w, bytes: new Uint8Array(64).fill(1) };
  const read = { handle: r };
  const ipcNs = nsPerOp(500_000, () => {
    sys('channel_write', write);
    sys('channel_read', read);
  });
  const spawns: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const { pid } = system.host.spawnFile(agentFile);
    await system.host.exitOf(pid);
    spawns.push(performance.now() - t0);
  }
  spawns.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      syscallNs,
      ipcPerSec: 1e9 / ipcNs,
      spawnP50Ms: spawns[spawns.length >> 1],
    }),
  );
} finally {
  await system.shutdown();
  rmSync(home, { recursive: true, force: true });
}
