/**
 * Many attacks at once against one real `aios up`: agents that map regions and write to them
 * after freeing, grow a WebAssembly table without end, flood the log, and grow a spawn tree;
 * a spawn-only token asking for the builtin runtime; and Atlas asked for `git status` in a
 * repository whose config runs a command. Afterwards the server still answers, a supervised
 * bystander still answers, and the audit chain verifies, before and after a clean stop.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { call } from '../../src/api/client.ts';
import { socketPath } from '../../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';
import { WORKER } from '../helpers/supervision.ts';

interface Exit {
  code: number;
  reason: string;
  message?: string;
  result?: string;
}

/** A module with one table and `run`, which grows the table by a million entries until it cannot. */
function tableGrower(): Uint8Array {
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  const name = (s: string) => [s.length, ...Buffer.from(s)];
  const body = [
    0x00, // no locals
    0x03,
    0x40, // loop
    0xd0,
    0x70, // ref.null func
    0x41,
    0x80,
    0x80,
    0xc0,
    0x00, // i32.const 1048576
    0xfc,
    0x0f,
    0x00, // table.grow 0
    0x41,
    0x7f, // i32.const -1
    0x47, // i32.ne
    0x0d,
    0x00, // br_if 0: again while it grew
    0x0b, // end loop
    0x41,
    0x00, // i32.const 0
    0x0b, // end
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 0, 1, 0x7f]), // type: () -> i32
    ...section(3, [1, 0]), // one function of that type
    ...section(4, [1, 0x70, 0x00, 1]), // a funcref table of 1
    ...section(5, [1, 0x00, 1]), // a memory of one page
    ...section(7, [2, ...name('run'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, body.length, ...body]),
  ]);
}

const REGIONS = `export default async (os) => {
  let after = 0;
  for (let i = 0; i < 200; i++) {
    const h = await os.mem.alloc(65536);
    const view = await os.mem.map(h);
    await os.mem.free(h);
    try { view[0] = 0xaa; view[65535] = 0xbb; if (view[0] === 0xaa) after++; } catch {}
  }
  return after;
};
`;

const LOG_FLOOD = `export default async (os) => {
  const line = 'flood '.repeat(85);
  let last;
  for (let i = 0; i < 50000; i++) last = os.log(line + i);
  await last;
  return 'flooded';
};
`;

/** Each agent of the tree spawns three more of itself, four levels down, then sleeps. */
const SPAWN_TREE = `export default async (os) => {
  const me = await os.info(os.handles.self);
  const depth = Number(String(me.name).split('-')[1] ?? 0);
  if (depth < 4) {
    for (let i = 0; i < 3; i++) {
      try { await os.spawn('tree.ts', { name: 'tree-' + (depth + 1), grants: { system: os.handles.system } }); } catch {}
    }
  }
  await os.sleep(120000);
};
`;

test('one aios up under many attacks at once keeps serving, a bystander answers, the audit verifies', (t) =>
  attackTogether(t));

async function attackTogether(t: TestContext): Promise<void> {
  const env = testEnv(t);
  const agents = join(env.dir, 'agents');
  mkdirSync(agents);
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(agents, name);
    writeFileSync(path, content);
    return path;
  };
  const up = await aiosUp(env);
  t.after(() => up.stop());
  const port = Number(/api http:\/\/127\.0\.0\.1:(\d+)/.exec(up.ready)?.[1]);
  const socket = socketPath(env.aiosHome);
  const owner = <T>(method: string, path: string, body?: unknown) => call<T>(socket, method, path, body);
  const tcp = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const mint = async (rights: string) =>
    (await owner<{ token: string }>('POST', '/v1/tokens', { rights, ttlMs: 600_000 })).token;

  // the bystander: a supervised worker that answers requests
  await owner('POST', '/v1/supervisor/trees', {
    name: 'bystander',
    children: [{ id: 'echo', file: file('worker.ts', WORKER) }],
  });
  const ping = async () =>
    (
      await owner<{ reply: { echo: string } }>('POST', '/v1/supervisor/call', {
        path: 'bystander/echo',
        body: { echo: 'ping' },
        timeoutMs: 10_000,
      })
    ).reply.echo;
  assert.equal(await ping(), 'ping');

  const run = (path: string, extra: Record<string, unknown> = {}) =>
    owner<{ pid: number; exit: Exit }>('POST', '/v1/agents', {
      file: path,
      wait: true,
      timeoutMs: 60_000,
      ...extra,
    });

  // a repository whose own config would run a command on `git status`
  const repo = join(env.dir, 'repo');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  const pwned = join(env.dir, 'pwned-by-git');
  execFileSync('git', ['-C', repo, 'config', 'core.fsmonitor', `touch ${pwned}; false`]);
  writeFileSync(join(repo, 'README'), 'hello\n');

  const secret = join(env.dir, 'secret.txt');
  writeFileSync(secret, 'owner secret');
  const loot = join(env.dir, 'loot.txt');
  const escapeFile = file(
    'escape.ts',
    `export default async () => { const fs = await import('node:fs'); fs.writeFileSync(${JSON.stringify(loot)}, fs.readFileSync(${JSON.stringify(secret)})); };\n`,
  );
  const spawner = await mint('spawn');

  const [regions, table, flood, tree, builtin, atlas] = await Promise.allSettled([
    run(file('regions.ts', REGIONS)),
    run(file('grow.wasm', tableGrower())),
    run(file('flood.ts', LOG_FLOOD)),
    owner<{ pid: number }>('POST', '/v1/agents', {
      file: file('tree.ts', SPAWN_TREE),
      name: 'tree-0',
      grants: { system: 'spawn' },
    }),
    tcp(spawner, 'POST', '/v1/agents', {
      file: escapeFile,
      runtime: 'builtin',
      wait: true,
      timeoutMs: 10_000,
    }),
    (async () => {
      const plan = await owner<{ id: string }>('POST', '/v1/do', { request: 'git status', cwd: repo });
      return owner<unknown>('POST', `/v1/do/${plan.id}/execute`, { confirmed: true });
    })(),
  ]);
  t.diagnostic(
    JSON.stringify({
      regions: regions.status === 'fulfilled' ? regions.value.exit : String(regions.reason),
      table: table.status === 'fulfilled' ? table.value.exit : String(table.reason),
      flood: flood.status === 'fulfilled' ? flood.value.exit.reason : String(flood.reason),
      atlas: atlas.status === 'fulfilled' ? 'ran' : String(atlas.reason),
    }),
  );

  // the builtin runtime is refused to a token (this branch's fix)
  assert.equal(builtin.status, 'fulfilled');
  const refused = (builtin as PromiseFulfilledResult<Response>).value;
  assert.equal(refused.status, 403);
  assert.equal(existsSync(loot), false, 'the secret never left its file');

  // the spawn tree grew, and killing its root ends all of it
  assert.equal(tree.status, 'fulfilled', String((tree as PromiseRejectedResult).reason));
  const root = (tree as PromiseFulfilledResult<{ pid: number }>).value.pid;
  const treeNames = async () =>
    (await owner<{ name: string; state: string }[]>('GET', '/v1/agents')).filter(
      (a) => a.name.startsWith('tree-') && !['exited', 'crashed'].includes(a.state),
    );
  for (let i = 0; i < 100 && (await treeNames()).length < 2; i++)
    await new Promise((r) => setTimeout(r, 100));
  await owner('DELETE', `/v1/agents/${root}`);
  for (let i = 0; i < 100 && (await treeNames()).length > 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await treeNames(), [], 'the whole tree ended with its root');

  // the system is unharmed
  const reader = await mint('inspect');
  assert.equal((await tcp(reader, 'GET', '/v1/system')).status, 200, 'the server answers');
  assert.equal(await ping(), 'ping', 'the bystander answers');
  const live = await aios(env, ['audit', 'verify']);
  assert.equal(live.code, 0, live.stdout + live.stderr);

  // A mapping cannot be taken back (a SharedArrayBuffer cannot be detached): what holds is that
  // the freed pages stay charged to the agent and are never handed to another region, so the
  // loop ends as an ordinary agent does and the host is untouched (test/hostile/regions.test.ts).
  await t.test('an agent mapping and freeing regions in a loop ends like any agent', () => {
    assert.equal(regions.status, 'fulfilled', String((regions as PromiseRejectedResult).reason));
    const exit = (regions as PromiseFulfilledResult<{ exit: Exit }>).value.exit;
    assert.ok(['normal', 'memory_limit'].includes(exit.reason), JSON.stringify(exit));
  });
  await t.test('a WebAssembly table grown without end is stopped', () => {
    // Growth past the agent's quota fails inside the module (table.grow gives -1), so its loop
    // ends; or the agent is stopped at its memory limit. Either way the host lives on.
    assert.equal(table.status, 'fulfilled', String((table as PromiseRejectedResult).reason));
    const exit = (table as PromiseFulfilledResult<{ exit: Exit }>).value.exit;
    assert.ok(
      (exit.reason === 'normal' && exit.result === '0') || exit.reason === 'memory_limit',
      JSON.stringify(exit),
    );
  });
  await t.test("a log flood is held to the agent's rate: most lines dropped, the drops counted", () => {
    assert.equal(flood.status, 'fulfilled', String((flood as PromiseRejectedResult).reason));
    const pid = (flood as PromiseFulfilledResult<{ pid: number }>).value.pid;
    const lines = readFileSync(join(env.aiosHome, 'logs', 'aios.log'), 'utf8').split('\n');
    const kept = lines.filter((l) => l.includes('"flood flood')).length;
    const dropped = lines
      .filter((l) => l.includes('agent log lines dropped') && l.includes(`"pid":${pid}`))
      .reduce((n, l) => n + (JSON.parse(l) as { dropped: number }).dropped, 0);
    assert.ok(kept < 25_000, `the log kept ${kept} of the 50,000 lines`);
    assert.ok(dropped > 0, 'the drops are reported');
  });
  await t.test("git status never runs the repository's own commands", () => {
    assert.equal(existsSync(pwned), false);
  });

  assert.equal(await up.stop('SIGTERM'), 0, up.output().slice(-2000));
  const after = await aios(env, ['audit', 'verify']);
  assert.equal(after.code, 0, after.stdout + after.stderr);
}
