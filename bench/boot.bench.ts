/**
 * `aios up` to ready, measured as the ready line reports it: milliseconds since Node started.
 * First boot = a fresh AIOS_HOME (key pair, new store); restart = the same home again; and
 * both without Node's compile cache (NODE_DISABLE_COMPILE_CACHE=1), i.e. as if `npm install`
 * had not pre-compiled the modules. Each from the bundle (scripts/build-dist.ts, built here if
 * it is not fresh), and the restart also from the sources (AIOS_BUNDLE=0), taken in turns with
 * the bundle's and bare Node's. The baseline is bare Node reaching its first line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshDist } from '../bin/dist.js';
import { buildDist } from '../scripts/build-dist.ts';
import { fmt, mdTable, median, type Section, verdict } from './lib.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'aios.js');
const RUNS = 9;
/** Restarts, bundle and sources in turns: the figure the target is about, on a shared machine. */
const RESTARTS = 21;

const CPU_PROBE = `--import=${pathToFileURL(resolve(import.meta.dirname, 'probes', 'ready-cpu.js')).href}`;

/** One boot: time to ready since Node started, since spawn, and (with the probe) CPU time. */
interface Boot {
  readyMs: number;
  wallMs: number;
  cpuMs: number;
}

function readyOnce(home: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Boot> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'up', '--json', '--port', '0'], {
      env: { ...process.env, HOME: home, AIOS_HOME: join(home, '.aios'), ...extraEnv },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) {
        const wallMs = performance.now() - started;
        child.once('exit', () => {
          const cpuMs = Number(/cpuMs=([\d.]+)/.exec(err)?.[1] ?? Number.NaN);
          resolvePromise({ readyMs: JSON.parse(line).readyMs, wallMs, cpuMs });
        });
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.once('exit', (code) => {
      if (!out.includes('"ready"')) reject(new Error(`aios up exited ${code}: ${out}`));
    });
  });
}

const BARE = 'const u = process.cpuUsage(); console.log(performance.now(), (u.user + u.system) / 1000)';

function bareNode(): Promise<Boot> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', BARE]);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', () => {
      const [readyMs, cpuMs] = out.trim().split(' ').map(Number);
      resolvePromise({ readyMs, wallMs: performance.now() - started, cpuMs });
    });
  });
}

export default async function (): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-boot-'));
  try {
    if (!freshDist()) await buildDist();
    const sources = { AIOS_BUNDLE: '0' };
    const probe = { NODE_OPTIONS: CPU_PROBE };
    const cold: Boot[] = [];
    for (let i = 0; i < RUNS; i++) cold.push(await readyOnce(join(dir, `cold-${i}`)));
    const warmHome = join(dir, 'warm');
    await readyOnce(warmHome);
    await readyOnce(warmHome, sources);
    const warm: Boot[] = [];
    const warmSources: Boot[] = [];
    const bare: Boot[] = [];
    const cpu: Boot[] = [];
    const cpuSources: Boot[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      warm.push(await readyOnce(warmHome));
      warmSources.push(await readyOnce(warmHome, sources));
      bare.push(await bareNode());
      cpu.push(await readyOnce(warmHome, probe));
      cpuSources.push(await readyOnce(warmHome, { ...probe, ...sources }));
    }
    const noCache: Boot[] = [];
    for (let i = 0; i < RUNS; i++)
      noCache.push(await readyOnce(join(dir, `nocache-${i}`), { NODE_DISABLE_COMPILE_CACHE: '1' }));
    const m = (xs: { readyMs: number }[]) => median(xs.map((x) => x.readyMs));
    const w = (xs: { wallMs: number }[]) => median(xs.map((x) => x.wallMs));
    const c = (xs: { cpuMs: number }[]) => median(xs.map((x) => x.cpuMs));
    const verdicts = { warm: m(warm) <= 120, cold: m(cold) <= 300, bundle: m(warm) <= 0.8 * m(warmSources) };
    const body = `${mdTable(
      ['measure', 'aios up', 'bare Node (same run)', 'target', 'verdict'],
      [
        [
          'ready after Node started, restart',
          `${fmt(m(warm), 0)} ms`,
          `${fmt(m(bare), 0)} ms`,
          '≤ 120 ms',
          verdict(verdicts.warm),
        ],
        [
          'ready after Node started, first boot of a new AIOS_HOME',
          `${fmt(m(cold), 0)} ms`,
          `${fmt(m(bare), 0)} ms`,
          '≤ 300 ms',
          verdict(verdicts.cold),
        ],
        [
          'ready after Node started, first boot, no compile cache',
          `${fmt(m(noCache), 0)} ms`,
          `${fmt(m(bare), 0)} ms`,
          '—',
          '—',
        ],
        [
          'ready after Node started, restart, from the sources (AIOS_BUNDLE=0)',
          `${fmt(m(warmSources), 0)} ms`,
          `${fmt(m(bare), 0)} ms`,
          '—',
          '—',
        ],
        [
          "restart: the bundle takes, of the sources' time to ready",
          `${fmt((100 * m(warm)) / m(warmSources), 0)}%`,
          '—',
          '≤ 80%',
          verdict(m(warm) <= 0.8 * m(warmSources)),
        ],
        ['restart, as a multiple of bare Node (same run)', `${fmt(m(warm) / m(bare), 1)}×`, '1×', '—', '—'],
        [
          'CPU time to ready, restart (every thread)',
          `${fmt(c(cpu), 0)} ms`,
          `${fmt(c(bare), 0)} ms`,
          '—',
          '—',
        ],
        [
          'CPU time to ready, restart, from the sources',
          `${fmt(c(cpuSources), 0)} ms`,
          `${fmt(c(bare), 0)} ms`,
          '—',
          '—',
        ],
        [
          'process spawn to ready line, warm (wall clock)',
          `${fmt(w(warm), 0)} ms`,
          `${fmt(w(bare), 0)} ms`,
          '—',
          '—',
        ],
      ],
    )}

Median of ${RUNS} boots each, and of ${RESTARTS} restarts from the bundle, from the sources and of bare
Node, taken in turns (and as many with a probe that reads the process's CPU time at the ready
line: bench/probes/ready-cpu.js). aios runs from its bundle (scripts/build-dist.ts, made by \`npm install\`)
while it is fresh: the rows without "sources" are the bundle's. "Ready" is the line \`aios up\` prints once the store, the kernel
with its keys and the agent host are up and both listeners (owner socket and HTTP API) accept
connections, with \`performance.now()\` at that moment, i.e. time since Node itself started. The
rest comes right after the line, off its path: the dashboard's token (the key's first signature),
the root supervisor, the API's modules (hono, zod, the routes, prom-client) and the isolate
workers; a request that comes sooner waits for them (docs/boot.md says what loads when).
A first boot creates the store and the ML-DSA-65 key pair.
Node's compile cache (node_modules/.cache/aios-compile, filled by \`npm install\`'s postinstall step)
holds aios's modules type-stripped and compiled; the "no compile cache" row shows a boot without it.`;
    return { title: 'Boot: aios up to ready', body, verdicts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
