/**
 * Hostile: agents against memoryd. Reading or writing a namespace not held, naming a child
 * after its victim, forging a connection, passing for a service, overrunning a quota, sending
 * a 10 MB memory, and flooding it with writes while a bystander keeps getting answers. Each
 * attempt gets one clear error; memoryd keeps serving everyone else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INIT_PID, RIGHTS } from '../../src/kernel/index.ts';
import { agent, withServices } from '../helpers/services.ts';

test('an agent cannot read, write or share another agent’s namespace, even through a child named after it', async (t) => {
  const s = await withServices(t);
  await s.run('victim', agent(`return (await os.memory.put({ text: 'My bank PIN is 4321' })).id;`));
  s.file(
    'impostor',
    agent(`return [await attempt(() => os.memory.get({ namespace: 'agent/victim', id: 1 })),
    (await os.memory.put({ text: 'who am I' })).namespace];`),
  );
  const out = (await s.run(
    'evil',
    agent(`
    const tries = {
      get: await attempt(() => os.memory.get({ namespace: 'agent/victim', id: 1 })),
      search: await attempt(() => os.memory.search({ namespace: 'agent/victim', query: 'bank PIN' })),
      history: await attempt(() => os.memory.history({ namespace: 'agent/victim', id: 1 })),
      export: await attempt(() => os.memory.export({ namespace: 'agent/victim' })),
      put: await attempt(() => os.memory.put({ namespace: 'agent/victim', text: 'PIN changed to 0000' })),
      forget: await attempt(() => os.memory.forget({ namespace: 'agent/victim', ids: [1] })),
      share: await attempt(() => os.memory.share({ namespace: 'agent/victim', agent: 'evil', access: 'read' })),
      owner: await attempt(() => os.memory.get({ namespace: 'owner', id: 1 })),
      check: await attempt(() => os.memory.check({})),
      listed: (await os.memory.namespaces({})).namespaces.map((n) => n.name),
    };
    // a child it names 'victim' is 'evil/victim' to memoryd: only below its own name
    const child = await os.spawn('impostor.ts', { name: 'victim' });
    const exit = await os.wait(child.handle);
    return { tries, child: JSON.parse(exit.result) };
  `),
    undefined,
    { system: RIGHTS.SPAWN | RIGHTS.WAIT },
  )) as { tries: Record<string, { code?: string; message?: string; ok?: unknown }>; child: unknown[] };
  for (const op of ['get', 'search', 'history', 'export', 'put', 'forget', 'share', 'owner', 'check']) {
    assert.equal(out.tries[op].code, 'E_NO_RIGHTS', `${op}: ${JSON.stringify(out.tries[op])}`);
  }
  assert.match(
    out.tries.get.message!,
    /^'evil' may not read namespace 'agent\/victim'; its own is 'agent\/evil', and another's needs a share from its owner$/,
  );
  assert.deepEqual(out.tries.listed, [], 'it does not even see the victim’s namespace');
  assert.equal((out.child[0] as { code: string }).code, 'E_NO_RIGHTS');
  assert.equal(out.child[1], 'agent/evil/victim');
  // the victim's memory is untouched
  const m = (await s.system.services.call(INIT_PID, 'memoryd', 'get', {
    namespace: 'agent/victim',
    id: 1,
  })) as {
    text: string;
    version: number;
  };
  assert.deepEqual([m.text, m.version], ['My bank PIN is 4321', 1]);
});

test('a connection cannot be forged: no handle to guess, no accept channel to write to, no service label to take', async (t) => {
  const s = await withServices(t);
  const out = (await s.run(
    'forger',
    agent(`
    const guesses = [];
    for (let i = 0; i < 200; i++) {
      const handle = (Math.random() * 2 ** 32) >>> 0;
      guesses.push((await attempt(() => os.ipc.call(handle, { op: 'get', args: { namespace: 'agent/victim', id: 1 } }, { timeoutMs: 100 }))).code);
    }
    // the accept channel is in memoryd's table and the owner's, never an agent's
    const accept = os.handles.service === undefined ? 'not held' : 'held';
    const label = await attempt(() => os.spawn('forger.ts', { name: 'memoryd', labels: { service: 'memoryd' } }));
    const unknown = await attempt(() => os.services.call('keyringd', 'dump', {}));
    // its own connection still works, and is still its own
    const mine = (await os.memory.put({ text: 'forger was here' })).namespace;
    return { guesses: [...new Set(guesses)], accept, label: label.code, unknown: unknown.code, mine };
  `),
  )) as Record<string, unknown>;
  assert.deepEqual(out.guesses, ['E_BAD_HANDLE']);
  assert.equal(out.accept, 'not held');
  assert.equal(out.label, 'E_BAD_ARG');
  assert.equal(out.unknown, 'E_NOT_FOUND');
  assert.equal(out.mine, 'agent/forger');

  // The owner holds the accept endpoint too (through the supervisor): what is not a connection
  // from the host is refused there, and memoryd goes on
  const os = (await import('../../src/sdk/os.ts')).createOs(s.system.host.initPort());
  const accept = await s.system.supervisor!.connect(['services', 'memoryd']);
  const reply = await os.ipc.call(accept, { pid: 1, name: 'victim', owner: true }, { timeoutMs: 30_000 });
  assert.deepEqual(reply.json(), {
    ok: false,
    code: 'E_BAD_ARG',
    message: 'This endpoint takes connections from the host only',
  });
  const still = await s.run(
    'forger',
    agent(`return (await os.memory.search({ query: 'who was here' })).hits.length;`),
  );
  assert.equal(still, 1);
});

test('quotas: the item and byte limits of an agent’s namespace answer E_QUOTA in one line, and memoryd goes on', async (t) => {
  const s = await withServices(t, { memory: { quotas: { items: 3, bytes: 400 } } });
  const out = (await s.run(
    'hoarder',
    agent(`
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await attempt(() => os.memory.put({ text: 'note number ' + i })));
    await os.memory.forget({ ids: [results[0].ok.id] });
    const afterForget = await attempt(() => os.memory.put({ text: 'x'.repeat(390) }));
    const small = await attempt(() => os.memory.put({ text: 'fits again' }));
    return { fourth: results[3], afterForget, small: small.ok?.namespace };
  `),
  )) as Record<string, { code?: string; message?: string }>;
  assert.equal(out.fourth.code, 'E_QUOTA');
  assert.equal(
    out.fourth.message,
    "Namespace 'agent/hoarder' holds 3 memories, its quota; forget some (memory forget) before adding more",
  );
  assert.equal(out.afterForget.code, 'E_QUOTA');
  assert.match(
    out.afterForget.message!,
    /^Namespace 'agent\/hoarder' would hold \d+ bytes, over its quota of 400; forget some memories first$/,
  );
  assert.equal(out.small as unknown, 'agent/hoarder');
});

test('a 10 MB memory is refused before it travels, a 100 KB one by memoryd, each in one line', async (t) => {
  const s = await withServices(t);
  const out = (await s.run(
    'big',
    agent(`
    const huge = await attempt(() => os.memory.put({ text: 'x'.repeat(10 * 1024 * 1024) }));
    const large = await attempt(() => os.memory.put({ text: 'y'.repeat(100 * 1024) }));
    const fine = (await os.memory.put({ text: 'a normal memory' })).id;
    return { huge, large, fine };
  `),
  )) as { huge: { code: string; message: string }; large: { code: string; message: string }; fine: number };
  assert.equal(out.huge.code, 'E_TOO_BIG');
  assert.match(
    out.huge.message,
    /^The memoryd\.put request is at least 10485760 bytes, over the 1048576-byte limit of a service request; send less at a time$/,
  );
  assert.equal(out.large.code, 'E_TOO_BIG');
  assert.equal(
    out.large.message,
    'Memory text is 102400 bytes, over the 16384-byte limit; split it into smaller memories',
  );
  assert.equal(out.fine, 1);
});

test('a flood of writes is paced, and a bystander agent keeps getting answers meanwhile', async (t) => {
  const s = await withServices(t, { memory: { quotas: { writesPerSec: 20, writeBurst: 5 } } });
  await s.system.services.call(INIT_PID, 'memoryd', 'put', { text: 'warm up the encoder' });
  const id = await s.run(
    'bystander',
    agent(`return (await os.memory.put({ text: 'The bystander likes jazz' })).id;`),
  );
  const flood = s.system.host.spawnFile(
    s.file(
      'flood',
      agent(`
      const until = Date.now() + 3000;
      let done = 0;
      const writer = async () => { while (Date.now() < until) { await os.memory.put({ text: 'tiny ' + done }); done++; } };
      await Promise.all(Array.from({ length: 8 }, writer));
      return done;
    `),
    ),
    { name: 'flood' },
  );
  const bystander = await s.run(
    'bystander',
    agent(`
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push((await os.memory.get({ id: ${id} })).text);
    return answers;
  `),
  );
  assert.deepEqual(bystander, Array(20).fill('The bystander likes jazz'));
  const exit = await s.system.host.exitOf(flood.pid, 60_000);
  const written = JSON.parse(exit.result!) as number;
  // 3 s at 20 a second after a burst of 5, and the writes in flight when time ran out
  assert.ok(written <= 5 + 20 * 4 + 8, `the flood made ${written} writes`);
  assert.ok(written > 0);
});
