/**
 * memoryd as a system service, through a real system booted with its services in a temp
 * AIOS_HOME: agents in each runtime reach it as `os.memory`, remember across a restart of the
 * whole system, share a namespace, and the owner reaches it through the gateway.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostPlaneOf } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { agent, withServices } from './helpers/services.ts';

const REMEMBER = agent(`
  const { hits } = await os.memory.search({ query: 'what does the user like to drink' });
  if (hits.length > 0) return { recalled: hits[0].text };
  const m = await os.memory.put({ text: 'The user prefers green tea and never drinks coffee' });
  return { stored: m.id, namespace: m.namespace };
`);

test('an isolate agent remembers a preference and finds it again after a restart of the whole system', async (t) => {
  const s = await withServices(t);
  const first = (await s.run('remember', REMEMBER)) as { stored: number; namespace: string };
  assert.equal(first.namespace, 'agent/remember', 'its own namespace, named for it');
  await s.reboot();
  const second = await s.run('remember', REMEMBER);
  assert.deepEqual(second, { recalled: 'The user prefers green tea and never drinks coffee' });
  const check = await s.system.services.call(INIT_PID, 'memoryd', 'check', {});
  assert.deepEqual(check, { ok: true, memories: 1, problems: [] });
});

test('the same operations from builtin and process agents, and the owner through the gateway', async (t) => {
  const s = await withServices(t);
  const code = agent(`
    const m = await os.memory.put({ text: 'Standup moved to half past nine' });
    await os.memory.update({ id: m.id, text: 'Standup moved to ten' });
    const again = await os.memory.put({ text: 'Standup is in room four' });
    const history = await os.memory.history({ id: m.id });
    const diff = await os.memory.diff({ id: m.id, from: 1, to: 2 });
    const link = await os.memory.link({ from: m.id, to: again.id, relation: 'about' });
    const graph = await os.memory.graph({ id: m.id });
    const missing = await attempt(() => os.memory.get({ id: 999999 }));
    const bad = await attempt(() => os.memory.get({ id: 'one' }));
    return { versions: history.versions.length, changed: diff.changes.map((c) => c.field), link: link.relation,
      nodes: graph.nodes.length, missing: missing.code, bad: [bad.code, bad.message] };
  `);
  for (const runtime of ['builtin', 'process'] as const) {
    const out = (await s.run(`notes-${runtime}`, code, runtime)) as Record<string, unknown>;
    assert.equal(out.versions, 2, runtime);
    assert.deepEqual(out.changed, ['text'], runtime);
    assert.equal(out.link, 'about', runtime);
    assert.ok((out.nodes as number) >= 2, runtime);
    assert.equal(out.missing, 'E_NOT_FOUND', runtime);
    assert.deepEqual(out.bad, [
      'E_BAD_ARG',
      "memoryd.get: 'id' invalid input: expected number, received string; see its declaration",
    ]);
  }
  const owner = s.system.services;
  assert.deepEqual(
    owner.declarations().map((d) => d.name),
    ['memoryd', 'busd', 'semantic-ipcd', 'planner', 'teams'],
  );
  const put = (await owner.call(INIT_PID, 'memoryd', 'put', { text: 'The owner keeps the spare key' })) as {
    namespace: string;
  };
  assert.equal(put.namespace, 'owner');
  const names = (await owner.call(INIT_PID, 'memoryd', 'namespaces', {})) as {
    namespaces: { name: string }[];
  };
  assert.deepEqual(
    names.namespaces.map((n) => n.name).sort(),
    ['agent/notes-builtin', 'agent/notes-process', 'owner'],
    'the owner sees every namespace',
  );
  const exported = (await owner.call(INIT_PID, 'memoryd', 'export', {
    namespace: 'agent/notes-builtin',
  })) as {
    memories: unknown[];
  };
  assert.equal(exported.memories.length, 2);
  await assert.rejects(owner.call(INIT_PID, 'memoryd', 'fly', {}), { code: 'E_NOT_FOUND' });
});

test('two agents share one namespace: read, then write, then taken back', async (t) => {
  const s = await withServices(t);
  const alice = (op: string) => s.run('alice', agent(op));
  const bob = (op: string) => s.run('bob', agent(op));
  await alice(`return (await os.memory.put({ text: 'The project deadline is the fifth of March' })).id;`);
  const readBob = `return await attempt(async () => (await os.memory.search({ namespace: 'agent/alice', query: 'when is the project due' })).hits[0].text);`;
  const writeBob = `return await attempt(async () => (await os.memory.put({ namespace: 'agent/alice', text: 'Bob will review the draft' })).namespace);`;
  assert.equal(((await bob(readBob)) as { code: string }).code, 'E_NO_RIGHTS');

  await alice(`return await os.memory.share({ agent: 'bob', access: 'read' });`);
  assert.deepEqual(await bob(readBob), { ok: 'The project deadline is the fifth of March' });
  assert.equal(((await bob(writeBob)) as { code: string }).code, 'E_NO_RIGHTS', 'read is not write');
  const listed = (await bob(
    `return (await os.memory.namespaces({})).namespaces.map((n) => [n.name, n.access]);`,
  )) as [string, string][];
  assert.deepEqual(listed, [['agent/alice', 'read']]);

  await alice(`return await os.memory.share({ agent: 'bob', access: 'write' });`);
  assert.deepEqual(await bob(writeBob), { ok: 'agent/alice' });
  const sharesBack = (await bob(
    `return await attempt(() => os.memory.share({ namespace: 'agent/alice', agent: 'mallory', access: 'read' }));`,
  )) as { code: string };
  assert.equal(sharesBack.code, 'E_NO_RIGHTS', 'write on a namespace does not let bob share it on');

  await alice(`return await os.memory.share({ agent: 'bob', access: 'none' });`);
  assert.equal(((await bob(readBob)) as { code: string }).code, 'E_NO_RIGHTS');
  // The writes of both are in the audit: namespace and content hash, never the text
  const plane = hostPlaneOf(s.system);
  plane.flushAudit();
  s.system.persist.tryFlush();
  const lines = s.system.store.audit.page(0, 100_000).filter((l) => l.includes('"tool":"memoryd"'));
  const puts = lines.filter((l) => l.includes('"action":"put"'));
  assert.equal(puts.length, 2, lines.join('\n'));
  assert.match(puts[0], /ns=agent\/alice id=1 sha256=[0-9a-f]{64} by alice/);
  assert.match(puts[1], /by bob/);
  assert.ok(!lines.some((l) => l.includes('deadline') || l.includes('draft')), 'no content in the audit');
  assert.ok(lines.some((l) => l.includes('"action":"share"') && l.includes('agent=bob access=none')));
});
