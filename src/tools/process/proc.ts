/**
 * Processes as Linux shows them in /proc: pid, parent, name, state, user, command line,
 * resident memory, CPU share since start (as ps reports %CPU) and working directory.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';

export interface ProcInfo {
  pid: number;
  ppid: number;
  name: string;
  state: string;
  uid: number;
  user: string;
  /** Resident memory in bytes. */
  memory: number;
  /** Percent of one CPU used since the process started. */
  cpu: number;
  threads: number;
  startedAt: string;
  argv: string[];
  command: string;
}

const CLOCK_TICKS = 100;
const PAGE = 4096;

let bootTime: number | undefined;
function bootMs(): number {
  if (bootTime === undefined) {
    try {
      const m = /^btime (\d+)/m.exec(readFileSync('/proc/stat', 'utf8'));
      bootTime = m ? Number(m[1]) * 1000 : Date.now() - os.uptime() * 1000;
    } catch {
      bootTime = Date.now() - os.uptime() * 1000;
    }
  }
  return bootTime;
}

const users = new Map<number, string>();
function userName(uid: number): string {
  if (users.size === 0) {
    try {
      for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const [name, , id] = line.split(':');
        if (name && id) users.set(Number(id), name);
      }
    } catch {
      // no passwd: numeric ids
    }
  }
  return users.get(uid) ?? String(uid);
}

export function readProc(pid: number, now = Date.now()): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(open + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // f[0] = state (field 3); utime = field 14 -> f[11]; stime f[12]; threads f[17]; starttime f[19]; rss f[21]
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const argv = raw.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1);
    const started = bootMs() + (Number(f[19]) / CLOCK_TICKS) * 1000;
    const cpuSeconds = (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
    const elapsed = Math.max(0.001, (now - started) / 1000);
    return {
      pid,
      ppid: Number(f[1]),
      name,
      state: f[0],
      uid,
      user: userName(uid),
      memory: Number(f[21]) * PAGE,
      cpu: Math.round((cpuSeconds / elapsed) * 1000) / 10,
      threads: Number(f[17]),
      startedAt: new Date(started).toISOString(),
      argv,
      command: argv.length > 0 ? argv.join(' ') : `[${name}]`,
    };
  } catch {
    return undefined; // it ended while we looked, or is not ours to read
  }
}

export function listProcs(): ProcInfo[] {
  const now = Date.now();
  const out: ProcInfo[] = [];
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    const p = readProc(Number(n), now);
    if (p) out.push(p);
  }
  return out;
}

export function cwdOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/** Processes whose name or command line contains `name` (case-insensitive). */
export function procsNamed(name: string): ProcInfo[] {
  const needle = name.toLowerCase();
  return listProcs().filter(
    (p) =>
      p.name.toLowerCase().includes(needle) ||
      p.argv.some((a, i) => i < 2 && a.toLowerCase().split('/').pop()?.includes(needle)),
  );
}
