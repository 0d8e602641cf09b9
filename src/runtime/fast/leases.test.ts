/**
 * The kernel thread's book of leases: when a channel is leased, to whom, and when it goes back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testKernel } from '../../../test/helpers/kernel.ts';
import { HostPlane } from '../../kernel/index.ts';
import { HeldLease } from './held.ts';
import type { GrantPackage } from './lease.ts';
import { Leases } from './leases.ts';

function setup(options: { auditLevel?: 'standard' | 'paranoid' } = {}) {
  const t = testKernel(options);
  const a = t.spawn();
  const b = t.spawn();
  const [ha, hb0] = t.sys<{ handles: number[] }>(a.pid, 'channel_create').handles;
  const source = a.agent.table.get(hb0)!;
  const hb = t.k.handles.duplicate(b.agent.table, source, source.rights, b.pid).value;
  const workers = new Map<number, string>([
    [a.pid, 'w1'],
    [b.pid, 'w2'],
  ]);
  const grants: [string, GrantPackage][] = [];
  const recalled: [string, number][] = [];
  const leases = new Leases<string>(new HostPlane(t.k), {
    workerOf: (pid) => workers.get(pid),
    grant: (w, pkg) => grants.push([w, pkg]),
    recalled: (w, id) => recalled.push([w, id]),
  });
  /** Both agents have used their ends through the kernel. */
  const used = () => {
    leases.noteUse('w1', a.pid, ha);
    leases.noteUse('w2', b.pid, hb);
  };
  return { ...t, a, b, ha, hb, hb0, leases, grants, recalled, used, workers };
}

describe('leases', () => {
  it('leases an idle channel once both ends are in use by agents on workers', () => {
    const s = setup();
    s.leases.noteUse('w1', s.a.pid, s.ha);
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined, 'the other end has no user yet');
    s.leases.noteUse('w2', s.b.pid, s.hb);
    const lease = s.leases.consider(s.a.pid, s.ha)!;
    assert.ok(lease);
    assert.deepEqual(
      s.grants.map(([w, pkg]) => [w, pkg.handles.map((g) => [g.pid, g.handle, g.side])]),
      [
        ['w1', [[s.a.pid, s.ha, 0]]],
        ['w2', [[s.b.pid, s.hb, 1]]],
      ],
    );
    assert.equal(s.leases.fastFor('w1', s.a.pid, s.ha), true);
    assert.equal(
      s.leases.fastFor('w1', s.a.pid, s.hb0),
      false,
      'a’s own copy of the other end is not granted',
    );
    assert.equal(s.leases.fastFor('w2', s.a.pid, s.ha), false, 'only on the agent’s own worker');
  });

  it('does not lease a channel with messages queued or calls pending', () => {
    const s = setup();
    s.used();
    s.sys(s.a.pid, 'channel_write', { handle: s.ha, bytes: Uint8Array.of(1) });
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined);
    s.sys(s.b.pid, 'channel_read', { handle: s.hb });
    s.sys(s.a.pid, 'channel_call', { handle: s.ha, bytes: Uint8Array.of(1) });
    s.sys(s.b.pid, 'channel_read', { handle: s.hb });
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined, 'a call waits for its reply');
  });

  it('does not lease while the audit records every call, or for a suspended or realtime agent', () => {
    const paranoid = setup({ auditLevel: 'paranoid' });
    paranoid.used();
    assert.equal(paranoid.leases.consider(paranoid.a.pid, paranoid.ha), undefined);
    const s = setup();
    s.used();
    s.k.lifecycle.suspend(s.b.agent);
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined);
    s.k.lifecycle.resume(s.b.agent);
    s.b.agent.schedClass = 'realtime';
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined);
  });

  it('recalls when an agent is suspended or its worker dies, tells the workers, and waits longer each time', () => {
    const s = setup();
    s.used();
    s.leases.consider(s.a.pid, s.ha)!;
    s.leases.recallAgent(s.b.pid);
    assert.deepEqual(s.recalled, [
      ['w1', 1],
      ['w2', 1],
    ]);
    const attempts = (n: number) => {
      for (let i = 0; i < n; i++) if (s.leases.consider(s.a.pid, s.ha)) return i + 1;
      return 0;
    };
    assert.equal(attempts(100), 5, 'after the first recall: four kernel-path calls first');
    s.leases.workerLost('w2');
    assert.equal(s.leases.live, 0);
    assert.equal(attempts(100), 9, 'after the second: eight');
  });

  it('a worker that moved (hibernation) is no longer the end’s user', () => {
    const s = setup();
    s.used();
    s.workers.set(s.b.pid, 'w3');
    assert.equal(s.leases.consider(s.a.pid, s.ha), undefined);
  });

  it('adds the workers’ counts to the audit whenever it is flushed', () => {
    const s = setup();
    s.used();
    const lease = s.leases.consider(s.a.pid, s.ha)!;
    const held = new HeldLease(lease.grantFor('w1'));
    for (let i = 0; i < 3; i++) held.tryWrite(held.grant(s.a.pid, s.ha)!, new Uint8Array(10));
    const syscalls = s.audit().filter((e) => e.kind === 'syscalls' && e.pid === s.a.pid);
    assert.deepEqual(syscalls.find((e) => e.what === 'channel_write')?.detail, { count: 3, bytes: 30 });
  });
});
