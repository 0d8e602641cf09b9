/**
 * Issue 10's promise: routing every layer through the syscall table, the host plane and the
 * event stream costs nothing on the hot paths. The kernel of the commit before the change
 * (BASE, extracted with `git archive`) and this tree's run the same probe
 * (bench/probes/door.ts) in alternating processes, AIOS_DOOR_ROUNDS rounds each (default 5);
 * the table gives the medians and their ratio.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, mdTable, median, type Section } from './lib.ts';

/** The last commit before the one door (issue 10). */
const BASE = process.env.AIOS_DOOR_BASE ?? '3454529';
const ROOT = join(import.meta.dirname, '..');

interface Probe {
  syscallNs: number;
  ipcPerSec: number;
  spawnP50Ms: number;
}

function probe(tree: string, agent: string): Probe {
  const out = execFileSync(process.execPath, [join(ROOT, 'bench', 'probes', 'door.ts'), tree, agent], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString()) as Probe;
}

export default async function doorBench(): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-door-'));
  try {
    const base = join(dir, 'base');
    mkdirSync(base);
    const archive = execFileSync('git', ['-C', ROOT, 'archive', BASE, 'src', 'package.json'], {
      maxBuffer: 256 * 2 ** 20,
    });
    execFileSync('tar', ['-x', '-C', base], { input: archive });
    symlinkSync(join(ROOT, 'node_modules'), join(base, 'node_modules'));
    const agent = join(dir, 'agent.js');
    writeFileSync(agent, 'export default async () => 1;\n');
    const rounds = Number(process.env.AIOS_DOOR_ROUNDS ?? 5);
    const before: Probe[] = [];
    const after: Probe[] = [];
    for (let r = 0; r < rounds; r++) {
      before.push(probe(base, agent));
      after.push(probe(ROOT, agent));
    }
    const row = (what: string, pick: (p: Probe) => number, unit: string, digits: number) => {
      const b = median(before.map(pick));
      const a = median(after.map(pick));
      return [what, `${fmt(b, digits)} ${unit}`, `${fmt(a, digits)} ${unit}`, `${fmt(a / b, 2)}×`];
    };
    const body = `${mdTable(
      ['measure (median of rounds)', `before (${BASE})`, 'after (this tree)', 'after / before'],
      [
        row('syscall (handle_info by init, through kernel.syscall)', (p) => p.syscallNs, 'ns', 1),
        row('IPC: 64-byte write + read through syscalls', (p) => p.ipcPerSec / 1e6, 'M pairs/s', 3),
        row('isolate agent spawn → ran → ended, p50 of 40', (p) => p.spawnP50Ms, 'ms', 2),
      ],
    )}
Each round boots a fresh system in a process of its own, before and after alternating, ${rounds} rounds. A ratio under 1 is faster for time, slower for throughput; the machine's noise between rounds is a few percent.`;
    return { title: 'One door into the kernel: before and after (issue 10)', body };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
