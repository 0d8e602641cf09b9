/**
 * aios from its bundle (scripts/build-dist.ts, bin/dist.js), built by this test into a folder of
 * its own: `aios up` loads its ready path as four files and nothing else of aios, and then serves
 * what the sources serve: a request, the supervisor (an agent started from the bundle's own
 * file, in the same process), an isolate agent, a process agent, and a trusted service on a
 * worker thread of its own. A bundle whose sources changed since it was built is not used.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDist, type Manifest } from '../scripts/build-dist.ts';
import { send } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { imageOf } from '../src/runtime/images.ts';
import { aiosUp, ROOT, type TestEnv, testEnv } from './helpers/env.ts';

const PRELOAD = pathToFileURL(join(ROOT, 'test', 'fixtures', 'loaded-at-ready.ts')).href;

let bundleDir: string;
let manifest: Manifest;
before(async () => {
  // Under node_modules, as the real one: the bundle finds its packages from where it lies.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  bundleDir = mkdtempSync(join(cache, 'aios-dist-test-'));
  manifest = await buildDist(bundleDir);
});
after(() => rmSync(bundleDir, { recursive: true, force: true }));

/** `aios up` with the bundle in `dir`; what had loaded at its ready line, relative to ROOT. */
async function upFromBundle(t: { after(fn: () => void): void }, env: TestEnv, dir = bundleDir) {
  const record = join(env.dir, 'loaded.json');
  env.env.AIOS_BUNDLE_DIR = dir;
  env.env.NODE_OPTIONS = `--import=${PRELOAD}`;
  env.env.AIOS_TEST_LOADED = record;
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const loaded = JSON.parse(readFileSync(record, 'utf8')) as { urls: string[]; builtins: string[] };
  const files = loaded.urls
    .filter((u) => u.startsWith('file:') && u !== PRELOAD)
    .map((u) => relative(ROOT, fileURLToPath(u)));
  return { up, files, builtins: loaded.builtins };
}

test('aios up from the bundle loads its ready path as four files and serves every runtime', async (t) => {
  const env = testEnv(t);
  const { up, files, builtins } = await upFromBundle(t, env);
  const build = relative(ROOT, join(bundleDir, manifest.build));
  assert.deepEqual(
    files.filter((f) => !f.startsWith('bin/')),
    ['cli-main.mjs', 'ready-cli.mjs', 'cli-up.mjs', 'ready-up.mjs'].map((f) => join(build, f)),
    'nothing else of aios, and no package, before the ready line',
  );
  for (const internal of ['internal/fs/promises', 'worker_threads', 'internal/util/diff', 'http', 'dns']) {
    assert.ok(!builtins.includes(`NativeModule ${internal}`), `${internal} loaded before ready`);
  }

  const socket = socketPath(env.aiosHome);
  const agents = join(env.dir, 'agents');
  mkdirSync(agents);
  writeFileSync(join(agents, 'answer.ts'), 'export default async function () {\n  return 42;\n}\n');
  writeFileSync(
    join(agents, 'child.js'),
    'export default async function (os) {\n  return { node: typeof process.version, pid: (await os.info(os.handles.self)).pid };\n}\n',
  );
  const spawn = (file: string, runtime?: string) =>
    send(
      socket,
      'POST',
      '/v1/agents',
      { 'content-type': 'application/json' },
      JSON.stringify({ file: join(agents, file), runtime, wait: true, timeoutMs: 60_000 }),
    );
  const [list, supervisor, isolate, child] = await Promise.all([
    send(socket, 'GET', '/v1/agents', {}, undefined),
    send(socket, 'GET', '/v1/supervisor', {}, undefined),
    spawn('answer.ts'),
    spawn('child.js', 'process'),
  ]);
  assert.equal(list.status, 200, list.text);
  const names = (JSON.parse(list.text) as { name: string }[]).map((a) => a.name);
  assert.ok(names.includes('supervisor'), `the supervisor runs: ${names.join(', ')}`);
  assert.equal(supervisor.status, 200, supervisor.text);
  assert.equal(isolate.status, 200, isolate.text);
  const answer = (JSON.parse(isolate.text) as { exit: { code: number; result?: string } }).exit;
  assert.deepEqual([answer.code, answer.result], [0, '42']);
  assert.equal(child.status, 200, child.text);
  const { pid, exit } = JSON.parse(child.text) as { pid: number; exit: { code: number; result?: string } };
  assert.equal(exit.code, 0, child.text);
  assert.deepEqual(JSON.parse(exit.result!), { node: 'string', pid });
  assert.equal(await up.stop(), 0, up.output());
});

test('the ready scripts keep their code cache at a ready line and start from it; a broken one is made again', async (t) => {
  const build = join(bundleDir, manifest.build);
  const cli = join(build, 'ready-cli.js.v8');
  const up = join(build, 'ready-up.js.v8');
  const env = testEnv(t);
  if (!existsSync(cli)) await (await upFromBundle(t, env)).up.stop(); // this file's first test made them
  const kept = statSync(cli).mtimeMs;
  // bin/ready-script.js reads them as one-byte text
  assert.doesNotMatch(readFileSync(join(build, 'ready-up.js'), 'latin1'), /[^\0-\x7f]/);
  assert.ok(statSync(up).size > 100_000, 'the functions ready-up ran are in its cache');
  writeFileSync(up, 'not a code cache');
  const second = testEnv(t);
  const { up: running } = await upFromBundle(t, second);
  const agents = await send(socketPath(second.aiosHome), 'GET', '/v1/agents', {}, undefined);
  assert.equal(agents.status, 200, agents.text);
  assert.equal(await running.stop(), 0, running.output());
  assert.doesNotMatch(running.output(), /warning|error/i);
  assert.equal(statSync(cli).mtimeMs, kept, 'a cache V8 accepted is kept as it is');
  assert.ok(statSync(up).size > 100_000, 'the broken cache was made again');
});

test('a trusted service runs on a worker thread of its own from the bundle', async (t) => {
  const env = testEnv(t);
  const dist = pathToFileURL(join(bundleDir, manifest.build, '/')).href;
  const { boot } = (await import(`${dist}boot.mjs`)) as typeof import('../src/boot.ts');
  const { createOs } = (await import(`${dist}sdk-os.mjs`)) as typeof import('../src/sdk/os.ts');
  const system = await boot({ home: env.aiosHome });
  t.after(() => system.shutdown());
  const file = join(env.dir, 'service.js');
  writeFileSync(
    file,
    "import { threadId } from 'node:worker_threads';\nexport default async function () {\n  return { threadId };\n}\n",
  );
  const init = createOs(system.host.initPort());
  const { pid } = (await init.sys('process_spawn', {
    handle: system.systemHandle,
    image: imageOf(file),
    runtime: 'builtin',
    quotas: { cpuMsPerEpoch: 60_000 },
    labels: { thread: 'worker' },
  })) as { pid: number };
  const exit = await system.host.exitOf(pid, 60_000);
  assert.equal(exit.reason, 'normal', exit.message);
  assert.ok((JSON.parse(exit.result!) as { threadId: number }).threadId > 0, exit.result);
});

test('a bundle whose sources changed is not used: aios runs from its sources', async (t) => {
  const env = testEnv(t);
  const stale = structuredClone(manifest);
  stale.inputs['src/boot.ts'][1] -= 1000; // as if boot.ts had been edited since the build
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'aios-dist-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(stale));
  symlinkSync(join(bundleDir, manifest.build), join(dir, manifest.build));
  const { files } = await upFromBundle(t, env, dir);
  assert.ok(files.includes('src/boot.ts'), files.join('\n'));
});
