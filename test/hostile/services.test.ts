/**
 * Hostile: an agent holding every right on the system tries to take a system service down, to
 * make one of its own, or to copy one into an agent nobody may stop. Services are protected
 * like init: only init (the owner, on the host) or the agent that started one may stop it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RIGHTS_ALL } from '../../src/kernel/rights.ts';
import { testKernel } from '../helpers/kernel.ts';

function withService() {
  const t = testKernel();
  const service = t.spawn({ name: 'supervisor', labels: { service: 'supervisor' } });
  const attacker = t.spawn({ grants: [{ handle: t.systemHandle, rights: RIGHTS_ALL }] });
  const system = attacker.agent.startHandles[1];
  const handle = t.sys<number>(attacker.pid, 'process_handle', { handle: system, pid: service.pid });
  return { t, service, attacker, system, handle };
}

test('an agent with every right cannot kill, suspend or upgrade a system service', () => {
  const { t, service, attacker, handle } = withService();
  for (const call of ['process_kill', 'process_suspend']) {
    assert.equal(
      t.codeOf(() => t.sys(attacker.pid, call, { handle })),
      'E_BAD_STATE',
      call,
    );
  }
  const image = { ref: 'evil.ts', hash: 'e' };
  assert.equal(
    t.codeOf(() => t.sys(attacker.pid, 'process_upgrade', { handle, image })),
    'E_BAD_STATE',
  );
  assert.equal(service.agent.state, 'running');
  assert.equal(service.agent.image.ref, 'agent-1.ts');
  const refused = t.audit().filter((e) => e.pid === attacker.pid && !e.ok);
  assert.ok(refused.length >= 3, 'each refusal is in the audit chain');
  // init, the owner's plane, still may
  t.sys(1, 'process_kill', { handle: service.handle });
  assert.equal(service.agent.state, 'exited');
});

test('an agent cannot label its child a service, nor clone a service into one', () => {
  const { t, attacker, system, handle } = withService();
  assert.equal(
    t.codeOf(() =>
      t.sys(attacker.pid, 'process_spawn', {
        handle: system,
        image: { ref: 'x.ts', hash: 'x' },
        runtime: 'builtin',
        labels: { service: 'mine' },
      }),
    ),
    'E_BAD_ARG',
  );
  const clone = t.sys<{ pid: number; handle: number }>(attacker.pid, 'process_clone', { handle });
  assert.equal(t.k.processes.required(clone.pid).labels.service, undefined);
  t.sys(attacker.pid, 'process_kill', { handle: clone.handle });
  assert.equal(t.k.processes.required(clone.pid).state, 'exited');
});
