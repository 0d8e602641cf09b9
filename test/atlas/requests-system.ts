/**
 * Labelled requests for the system, process, git, package, service, network and shell tools.
 * Judged against what the machine itself says (os module, /proc, git, dpkg), the loopback
 * HTTP server the run starts, and the processes it spawns (`tickerd`, a copy of sleep).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { Case, Result } from './labelled.ts';

const all = (...checks: (true | string)[]) => checks.find((c) => c !== true) ?? true;
const is = (got: unknown, want: unknown, what: string) =>
  got === want || `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
const ok = (cond: boolean, why: string) => cond || why;
const _git = (r: Result, ...args: string[]) =>
  execFileSync('git', args, { cwd: r.cwd, encoding: 'utf8' }).trim();
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
};
const dead = (which: number[]) => which.every((p) => !alive(p)) || `still alive: ${which.filter(alive)}`;
const _pkg = (r: Result) => JSON.parse(r.read('package.json')) as Record<string, Record<string, string>>;
const _SYSTEMD = existsSync('/run/systemd/system');

const c = (
  tool: string,
  request: string | string[],
  check: Case['check'],
  extra: Partial<Case> = {},
): Case => ({ tool, request, check, ...extra });

const osName = () => /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];

export const SYSTEM_CASES: Case[] = [
  c('system', 'how much memory is free', (r) => is(r.last.total, os.totalmem(), 'total')),
  c('system', 'show ram usage', (r) => is(r.last.total, os.totalmem(), 'total')),
  c('system', 'memory usage', (r) => ok(r.last.used > 0 && r.last.used < r.last.total, 'used out of range')),
  c('system', 'how much swap do i have', (r) => ok(typeof r.last.swapTotal === 'number', 'no swap figure')),
  c('system', 'how many cpu cores do i have', (r) => is(r.last.cores, os.cpus().length, 'cores')),
  c('system', 'what processor is this', (r) => is(r.last.model, os.cpus()[0].model.trim(), 'model')),
  c('system', 'cpu usage', (r) =>
    ok(r.last.usagePercent >= 0 && r.last.usagePercent <= 100, 'usage out of range'),
  ),
  c('system', 'what is the load average', (r) =>
    all(is(r.last.cores, os.availableParallelism(), 'cores'), ok(r.last.load1 >= 0, 'load')),
  ),
  c('system', 'system load', (r) => ok(typeof r.last.load15 === 'number', 'no load15')),
  c('system', 'uptime', (r) => ok(Math.abs(r.last.seconds - os.uptime()) < 30, `uptime ${r.last.seconds}`)),
  c('system', 'how long has the machine been up', (r) =>
    ok(Math.abs(r.last.seconds - os.uptime()) < 30, `uptime ${r.last.seconds}`),
  ),
  c('system', 'when did the system boot', (r) =>
    ok(Math.abs(Date.parse(r.last.since) - (Date.now() - os.uptime() * 1000)) < 30_000, r.last.since),
  ),
  c('system', 'what os is this', (r) => ok(String(r.last.kernel).includes(os.release()), r.last.kernel)),
  c('system', 'which linux distribution is this', (r) => is(r.last.name, osName(), 'name')),
  c('system', 'what is the hostname', (r) => is(r.last.hostname, os.hostname(), 'hostname')),
  c('system', 'kernel version', (r) => ok(String(r.last.kernel).includes(os.release()), r.last.kernel)),
  c('system', 'how much disk space is free', (r) =>
    ok(
      r.last.disks.some((d: { mount: string }) => d.mount === '/'),
      'no / in disks',
    ),
  ),
  c('system', 'show disk usage', (r) =>
    ok(r.last.disks.length > 0 && r.last.disks.every((d: { size: number }) => d.size > 0), 'no disks'),
  ),
  c('system', 'is the disk full', (r) =>
    ok(
      r.last.disks.every((d: { usePercent: number }) => d.usePercent >= 0 && d.usePercent <= 100),
      'bad percent',
    ),
  ),
  c('system', 'df', (r) => ok(r.last.disks.length > 0, 'no disks')),
  c('system', 'what are the largest files on my computer', (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', 'biggest files in my home directory', (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', "what's eating my disk space", (r) => is(r.names()[0], 'trip.mp4', 'largest')),
  c('system', 'system status', (r) =>
    ok(r.outputs.length === 5 && typeof r.outputs[3].total === 'number', 'not an overview'),
  ),
  c('system', 'give me an overview of this machine', (r) => ok(r.outputs.length === 5, 'not an overview')),

  c('process', 'list running processes', (r) => ok(r.last.processes.length > 0, 'no processes'), {
    needs: 'proc',
  }),
  c('process', 'which processes use the most memory', (r) => {
    const m = r.last.processes.map((p: { memory: number }) => p.memory);
    return ok(
      m.every((x: number, i: number) => i === 0 || m[i - 1] >= x),
      'not sorted by memory',
    );
  }),
  c('process', 'top 5 processes by cpu', (r) =>
    is(r.last.processes.length, Math.min(5, r.last.total), 'count'),
  ),
  c(
    'process',
    'show all processes',
    (r) =>
      ok(
        r.pids.every((p) => r.last.processes.some((x: { pid: number }) => x.pid === p)),
        'spawned processes missing',
      ),
    { needs: 'proc' },
  ),
  c(
    'process',
    'is tickerd running',
    (r) =>
      all(
        is(r.last.running, true, 'running'),
        ok(
          r.pids.every((p) => r.last.processes.some((x: { pid: number }) => x.pid === p)),
          'pids missing',
        ),
      ),
    { needs: 'proc' },
  ),
  c('process', 'find the tickerd processes', (r) => is(r.last.total, 2, 'found'), { needs: 'proc' }),
  c(
    'process',
    'what is the pid of tickerd',
    (r) =>
      ok(
        r.last.processes.some((x: { pid: number }) => x.pid === r.pids[0]),
        'pid missing',
      ),
    { needs: 'proc' },
  ),
  c('process', 'is nonexistentd running', (r) => is(r.last.running, false, 'running')),
  c(
    'process',
    'details of process {pid}',
    (r) =>
      all(is(r.last.pid, r.pids[0], 'pid'), ok(String(r.last.command).includes('tickerd'), r.last.command)),
    { needs: 'proc' },
  ),
  c('process', 'what is pid {pid}', (r) => is(r.last.pid, r.pids[0], 'pid'), { needs: 'proc' }),
  c(
    'process',
    'kill process {pid}',
    (r) => all(dead([r.pids[0]]), ok(alive(r.pids[1]), 'killed the other one too')),
    { needs: 'proc' },
  ),
  c('process', 'kill all tickerd processes', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'terminate pid {pid}', (r) => dead([r.pids[0]]), { needs: 'proc' }),
  c('process', 'force quit tickerd', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'stop the tickerd process', (r) => dead(r.pids), { needs: 'proc' }),
  c('process', 'end process {pid}', (r) => dead([r.pids[0]]), { needs: 'proc' }),
];
