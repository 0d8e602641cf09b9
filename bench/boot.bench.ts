/**
 * `aios up` to ready, measured as the ready line reports it: milliseconds since Node started.
 * First boot = a fresh AIOS_HOME (key pair, new store); restart = the same home again; and
 * both without Node's compile cache (NODE_DISABLE_COMPILE_CACHE=1), i.e. as if `npm install`
 * had not pre-compiled the modules. The baseline is bare Node reaching its first line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, mdTable, median, type Section, verdict } from './lib.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'aios.js');
const RUNS = 9;

function readyOnce(
  home: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ readyMs: number; wallMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'up', '--json', '--port', '0'], {
      env: { ...process.env, HOME: home, AIOS_HOME: join(home, '.aios'), ...extraEnv },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) {
        const wallMs = performance.now() - started;
        child.once('exit', () => resolvePromise({ readyMs: JSON.parse(line).readyMs, wallMs }));
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.once('exit', (code) => {
      if (!out.includes('"ready"')) reject(new Error(`aios up exited ${code}: ${out}`));
    });
  });
}

function bareNode(): Promise<{ readyMs: number; wallMs: number }> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', 'console.log(performance.now())']);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', () => resolvePromise({ readyMs: Number(out), wallMs: performance.now() - started }));
  });
}

export default async function (): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-boot-'));
  try {
    const cold: { readyMs: number; wallMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) cold.push(await readyOnce(join(dir, `cold-${i}`)));
    const warmHome = join(dir, 'warm');
    await readyOnce(warmHome);
    const warm: { readyMs: number; wallMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await readyOnce(warmHome));
    const noCache: { readyMs: number; wallMs: number }[] = [];
    for (let i = 0; i < RUNS; i++)
      noCache.push(await readyOnce(join(dir, `nocache-${i}`), { NODE_DISABLE_COMPILE_CACHE: '1' }));
    const bare: { readyMs: number; wallMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) bare.push(await bareNode());
    const m = (xs: { readyMs: number }[]) => median(xs.map((x) => x.readyMs));
    const w = (xs: { wallMs: number }[]) => median(xs.map((x) => x.wallMs));
    const verdicts = { warm: m(warm) <= 120, cold: m(cold) <= 300 };
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
        ['restart, as a multiple of bare Node (same run)', `${fmt(m(warm) / m(bare), 1)}×`, '1×', '—', '—'],
        [
          'process spawn to ready line, warm (wall clock)',
          `${fmt(w(warm), 0)} ms`,
          `${fmt(w(bare), 0)} ms`,
          '—',
          '—',
        ],
      ],
    )}

Median of ${RUNS} boots each. "Ready" is the line \`aios up\` prints once the store, the kernel
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
