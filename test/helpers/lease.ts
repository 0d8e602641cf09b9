/**
 * For the lease tests: a real kernel with two agents and a channel between them, one end each
 * (b's end moved to it as a message would), leased to two "workers", w1 (a's end) and w2 (b's).
 */

import { HostPlane } from '../../src/kernel/host-plane.ts';
import type { Endpoint } from '../../src/kernel/objects.ts';
import { Lease } from '../../src/runtime/fast/lease.ts';
import { testKernel } from './kernel.ts';

export function leasedChannel(depth = 4, onEnd: (lease: Lease<string>) => void = () => {}) {
  const t = testKernel();
  const a = t.spawn();
  const b = t.spawn();
  const [ha, hb0] = t.sys<{ handles: number[] }>(a.pid, 'channel_create', { depth }).handles;
  const source = a.agent.table.get(hb0)!;
  const hb = t.k.handles.duplicate(b.agent.table, source, source.rights, b.pid);
  t.k.handles.close(a.agent.table, hb0);
  const lease = new Lease<string>(
    new HostPlane(t.k),
    1,
    [a.agent.table.get(ha)!.object as Endpoint, hb.object as Endpoint],
    [
      { worker: 'w1', grants: [a.agent.table.get(ha)!] },
      { worker: 'w2', grants: [hb] },
    ],
    onEnd,
  );
  return { t, a, b, ha, hb, lease };
}
