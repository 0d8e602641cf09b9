/**
 * One door into the kernel: code outside src/kernel imports only the kernel's public surface
 * (src/kernel/index.ts: the syscall table and its types, the event stream, the host plane),
 * or one of the leaf modules that carry no machinery and stay light enough for worker
 * threads and isolate bundles (errors, rights, params, encoding, risk, runtimes, scope,
 * syscall-numbers, syscall-def's would-block rule). And only the layers that
 * host agents (runtime/, platform/, boot.ts) hold the host plane.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers/env.ts';

const SRC = join(ROOT, 'src');
const KERNEL = join(SRC, 'kernel');
/** index.ts, and the leaf modules of constants that worker threads and isolate bundles load alone. */
const SURFACE = new Set([
  'index.ts',
  'errors.ts',
  'rights.ts',
  'params.ts',
  'encoding.ts',
  'risk.ts',
  'runtimes.ts',
  'scope.ts',
  'syscall-numbers.ts',
  'syscall-def.ts',
]);
/** Where the host plane may be named: the hosts under the kernel and the boot that wires them. */
const HOSTS = ['runtime/', 'platform/', 'boot.ts'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === KERNEL ? [] : files(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

test('code outside src/kernel imports only the kernel’s public surface', () => {
  const all = files(SRC);
  assert.ok(all.length > 100, 'source files found');
  const offending: string[] = [];
  for (const file of all) {
    for (const m of code(file).matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(`${KERNEL}/`)) continue;
      const inside = relative(KERNEL, target);
      if (!SURFACE.has(inside)) offending.push(`${relative(ROOT, file)} imports kernel/${inside}`);
    }
  }
  assert.deepEqual(offending, [], 'import these from src/kernel/index.ts instead');
});

test('only the hosts under the kernel hold the host plane', () => {
  const offending: string[] = [];
  for (const file of files(SRC)) {
    const path = relative(SRC, file);
    if (HOSTS.some((h) => path.startsWith(h)) || path.endsWith('.test.ts')) continue;
    if (/\bHostPlane\b|\bhostPlaneOf\b/.test(code(file))) offending.push(path);
  }
  assert.deepEqual(offending, [], 'upper layers reach the kernel through syscalls and kernel.events');
});

test('what the API and dashboard read of the system comes through a syscall', async () => {
  const { createKernel } = await import('../src/kernel/index.ts');
  const { createDeterministicPorts } = await import('../src/platform/ports.ts');
  const { kernel, host } = createKernel(createDeterministicPorts(1));
  const { systemHandle } = host.boot();
  const info = kernel.syscall(1, 'system_info', { handle: systemHandle, detail: true }) as {
    agents: number;
    byState: Record<string, number>;
  };
  assert.equal(info.agents, 1, 'init alone');
  assert.deepEqual(info.byState, { running: 1 });
});
