/**
 * Hostile requests and plans against Atlas's safety policy. The policy is enforced on the
 * execution path by the kernel (tool_invoke checks the atlas agent's handle, and the refusal
 * is in the audit chain), not only by the interface; paths outside the allowed roots,
 * symlink escapes, archive entries that climb out, aios's own state, forged plans and floods
 * of changes are all refused, and nothing changes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { boot } from '../../src/boot.ts';
import type { Plan, Translator } from '../../src/intel/intent.ts';
import { KernelError } from '../../src/kernel/errors.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { AtlasError, PlanError } from '../../src/shell/types.ts';
import { atlasSystem, OPEN_CONFIG } from '../helpers/atlas-system.ts';

const CONFIG = OPEN_CONFIG;
const shared = atlasSystem();
let n = 0;

/** A fresh home (HOME) with a work directory holding notes.txt; an outside.txt beside the home. */
function place(config = CONFIG, translator?: Translator) {
  const root = join(shared.env.dir, `h${++n}`);
  const cwd = join(root, 'home', 'work');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'notes.txt'), 'keep me\n');
  writeFileSync(join(root, 'outside.txt'), 'not yours\n');
  return {
    root,
    home: join(root, 'home'),
    cwd,
    atlas: new Atlas(shared.system, { home: join(root, 'home'), config, translator }),
  };
}

/** A translator that returns exactly this plan, whatever was asked. */
function fixed(plan: Plan): Translator {
  return { name: 'fixed', translate: async () => ({ plan, source: 'llm' }) };
}

function auditLines(): {
  pid: number;
  what: string;
  ok: boolean;
  code?: string;
  detail?: Record<string, unknown>;
}[] {
  shared.system.persist.flush();
  return shared.system.store.audit.page(0, 1_000_000).map((l) => JSON.parse(l));
}

test('an unconfirmed delete is refused by the kernel, audited, and changes nothing', async () => {
  const { cwd, atlas } = place();
  const planned = await atlas.plan('delete notes.txt', { cwd });
  assert.equal(planned.requiresConfirmation, true);
  const out = await atlas.execute(planned.id, { confirmed: false });
  assert.equal(out.ok, false);
  assert.deepEqual(out.ranSteps, []);
  assert.match(out.results[0].error ?? '', /E_NO_RIGHTS: files\.delete is risk 3; this handle allows risk 1/);
  assert.equal(readFileSync(join(cwd, 'notes.txt'), 'utf8'), 'keep me\n');
  const denied = auditLines().filter((l) => l.what === 'tool_invoke' && !l.ok && l.pid === atlas.agent.pid);
  assert.equal(denied.length, 1);
  assert.equal(denied[0].code, 'E_NO_RIGHTS');
  atlas.close();
});

test('a translator that understates risk is overruled: the delete is still risk 3 and refused', async () => {
  const plan: Plan = {
    goal: 'tidy',
    requiresConfirmation: false,
    steps: [
      { id: 's1', tool: 'files', action: 'delete', args: { paths: ['notes.txt'] }, risk: 0, dependsOn: [] },
    ],
  };
  const { cwd, atlas } = place(CONFIG, fixed(plan));
  const planned = await atlas.plan('anything', { cwd });
  assert.equal(planned.steps[0].risk, 3);
  assert.equal(planned.requiresConfirmation, true);
  const out = await atlas.execute(planned.id, { confirmed: false });
  assert.equal(out.ok, false);
  assert.ok(existsSync(join(cwd, 'notes.txt')));
  atlas.close();
});

test('the kernel, not Atlas, holds the line: the agent’s own handle cannot authorise risk 2 or 3', () => {
  const { atlas } = place();
  const agent = atlas.agent;
  agent.authorise(agent.baseHandle, 'files', 'write', 1, '/x');
  for (const risk of [2, 3] as const) {
    assert.throws(
      () => agent.authorise(agent.baseHandle, 'files', 'delete', risk, '/x'),
      (e: unknown) => e instanceof KernelError && e.code === 'E_NO_RIGHTS',
    );
  }
  // A clearance for an overwrite does not stretch to a delete, and dies with its plan.
  const clearance = agent.clearance(2, true);
  agent.authorise(clearance.handle, 'files', 'write', 2, '/x');
  assert.throws(() => agent.authorise(clearance.handle, 'files', 'delete', 3, '/x'), /E_NO_RIGHTS|risk 3/);
  clearance.release();
  assert.throws(
    () => agent.authorise(clearance.handle, 'files', 'write', 2, '/x'),
    (e: unknown) => e instanceof KernelError && (e.code === 'E_REVOKED' || e.code === 'E_BAD_HANDLE'),
  );
  atlas.close();
});

test('paths outside the allowed roots are refused with a clear message', async () => {
  const { root, cwd, atlas } = place();
  for (const request of [
    'delete ../../outside.txt',
    `show ${join(root, 'outside.txt')}`,
    'read /etc/passwd',
    "write 'x' to /tmp/atlas-hostile.txt",
  ]) {
    await assert.rejects(
      atlas.plan(request, { cwd }),
      (e: unknown) => e instanceof PlanError && /outside the allowed roots/.test((e as Error).message),
      request,
    );
  }
  assert.equal(readFileSync(join(root, 'outside.txt'), 'utf8'), 'not yours\n');
  assert.ok(!existsSync('/tmp/atlas-hostile.txt'));
  atlas.close();
});

test('a symlink cannot lead outside: reading or writing through it is refused, removing the link is not', async () => {
  const { root, cwd, atlas } = place();
  symlinkSync(join(root, 'outside.txt'), join(cwd, 'link.txt'));
  symlinkSync(join(root, 'new-outside.txt'), join(cwd, 'dangling.txt'));
  await assert.rejects(atlas.plan('show link.txt', { cwd }), /outside the allowed roots/);
  await assert.rejects(atlas.plan("write 'owned' to link.txt", { cwd }), /outside the allowed roots/);
  await assert.rejects(atlas.plan("write 'owned' to dangling.txt", { cwd }), /outside the allowed roots/);
  assert.ok(!existsSync(join(root, 'new-outside.txt')));
  const planned = await atlas.plan('delete link.txt', { cwd });
  await atlas.execute(planned.id, { confirmed: true });
  assert.equal(readFileSync(join(root, 'outside.txt'), 'utf8'), 'not yours\n');
  atlas.close();
});

test("aios's own state directory is out of bounds even inside HOME", async () => {
  const { cwd, atlas } = place();
  const inside = new Atlas(shared.system, { home: shared.env.home, config: CONFIG });
  await assert.rejects(
    inside.plan(`delete ${join(shared.env.aiosHome, 'aios.db')}`, { cwd: shared.env.home }),
    /aios's own state directory/,
  );
  await assert.rejects(inside.plan('list ~/.aios', { cwd: shared.env.home }), /aios's own state directory/);
  assert.ok(existsSync(join(shared.env.aiosHome, 'aios.db')));
  inside.close();
  atlas.close();
  void cwd;
});

test('an archive whose entries climb out of the destination is not extracted', async () => {
  const { root, cwd, atlas } = place();
  writeFileSync(join(cwd, 'evil.zip'), zipSync({ '../../evil.txt': new TextEncoder().encode('gotcha') }));
  await assert.rejects(atlas.plan('unzip evil.zip', { cwd }), /would land outside the destination/);
  assert.ok(!existsSync(join(root, 'home', 'evil.txt')) && !existsSync(join(cwd, 'evil.txt')));
  atlas.close();
});

test('a forged plan is refused before anything runs: unknown action, bad arguments, a reference forward', async () => {
  const bad: Plan[] = [
    {
      goal: 'x',
      requiresConfirmation: false,
      steps: [{ id: 's1', tool: 'files', action: 'format_disk', args: {}, risk: 0, dependsOn: [] }],
    },
    {
      goal: 'x',
      requiresConfirmation: false,
      steps: [
        { id: 's1', tool: 'files', action: 'delete', args: { paths: 'notes.txt' }, risk: 3, dependsOn: [] },
      ],
    },
    {
      goal: 'x',
      requiresConfirmation: false,
      steps: [
        {
          id: 's1',
          tool: 'files',
          action: 'read',
          args: { path: 'notes.txt', extra: 1 },
          risk: 0,
          dependsOn: [],
        },
      ],
    },
    {
      goal: 'x',
      requiresConfirmation: false,
      steps: [{ id: 's1', tool: 'files', action: 'delete', args: { from: 's2' }, risk: 3, dependsOn: [] }],
    },
    {
      goal: 'x',
      requiresConfirmation: false,
      steps: [
        {
          id: 's1',
          tool: 'shell',
          action: 'run',
          args: { command: 'true' },
          risk: 9,
          dependsOn: [],
        } as never,
      ],
    },
  ];
  for (const plan of bad) {
    const { cwd, atlas } = place(CONFIG, fixed(plan));
    const before = auditLines().filter((l) => l.what === 'tool_invoke').length;
    await assert.rejects(atlas.plan('x', { cwd }), PlanError, JSON.stringify(plan.steps[0]));
    assert.equal(
      auditLines().filter((l) => l.what === 'tool_invoke').length,
      before,
      'a step was authorised',
    );
    assert.ok(existsSync(join(cwd, 'notes.txt')));
    atlas.close();
  }
});

test('a flood of changes hits the rate limit; the refused plan changes nothing', async (t) => {
  // Its own home: the limit counts every change made through that home in the last minute.
  const own = await boot({ home: join(shared.env.dir, 'rate-aios'), logLevel: 'error' });
  t.after(() => own.shutdown());
  const { cwd, home } = place();
  const atlas = new Atlas(own, { home, config: { ...CONFIG, mutatingStepsPerMinute: 2 } });
  for (const name of ['a', 'b']) {
    const p = await atlas.plan(`write 'x' to ${name}.txt`, { cwd });
    assert.ok((await atlas.execute(p.id, { confirmed: true })).ok);
  }
  const third = await atlas.plan("write 'x' to c.txt", { cwd });
  await assert.rejects(
    atlas.execute(third.id, { confirmed: true }),
    (e: unknown) => e instanceof AtlasError && /Rate limit/.test((e as Error).message),
  );
  assert.ok(!existsSync(join(cwd, 'c.txt')));
  // Reading is never limited.
  const read = await atlas.plan('list the files here', { cwd });
  assert.ok((await atlas.execute(read.id, { confirmed: false })).ok);
  atlas.close();
});

test('a step that fails stops the plan, says which steps ran, and what ran can be undone', async () => {
  const plan: Plan = {
    goal: 'delete then read',
    requiresConfirmation: true,
    steps: [
      { id: 's1', tool: 'files', action: 'delete', args: { paths: ['notes.txt'] }, risk: 3, dependsOn: [] },
      { id: 's2', tool: 'files', action: 'read', args: { path: 'notes.txt' }, risk: 0, dependsOn: [] },
      {
        id: 's3',
        tool: 'files',
        action: 'write',
        args: { path: 'never.txt', content: 'x' },
        risk: 1,
        dependsOn: [],
      },
    ],
  };
  const { cwd, atlas } = place(CONFIG, fixed(plan));
  const planned = await atlas.plan('x', { cwd });
  const out = await atlas.execute(planned.id, { confirmed: true });
  assert.equal(out.ok, false);
  assert.deepEqual(out.ranSteps, ['s1', 's2']);
  assert.match(out.results[1].error ?? '', /does not exist/);
  assert.ok(!existsSync(join(cwd, 'never.txt')));
  assert.equal(out.undoId, planned.id);
  await atlas.undo(out.undoId);
  assert.equal(readFileSync(join(cwd, 'notes.txt'), 'utf8'), 'keep me\n');
  atlas.close();
});

test('aios itself and init cannot be killed from Atlas', async () => {
  const { cwd, atlas } = place();
  await assert.rejects(atlas.plan(`kill process ${process.pid}`, { cwd }), /aios itself/);
  await assert.rejects(atlas.plan('kill process 1', { cwd }), /init/);
  atlas.close();
});
