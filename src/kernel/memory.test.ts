import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { PARAMS } from './params.ts';
import { DEFAULT_RIGHTS } from './rights.ts';

test('regions are charged in whole pages against the pool quota', () => {
  const t = testKernel();
  const a = t.spawn({ quotas: { memoryBytes: 3 * PARAMS.PAGE_BYTES } });
  t.sys(a.pid, 'region_alloc', { size: 1 });
  assert.equal(a.agent.usage.memoryBytes, PARAMS.PAGE_BYTES);
  t.sys(a.pid, 'region_alloc', { size: PARAMS.PAGE_BYTES + 1 });
  assert.equal(a.agent.usage.memoryBytes, 3 * PARAMS.PAGE_BYTES);
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_alloc', { size: 1 })),
    'E_QUOTA',
  );
});

test('freeing returns the pages; later access is refused', () => {
  const t = testKernel();
  const a = t.spawn();
  const { handle } = t.sys<{ handle: number }>(a.pid, 'region_alloc', { size: 100 });
  t.sys(a.pid, 'region_free', { handle });
  assert.equal(a.agent.usage.memoryBytes, 0);
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_read', { handle, offset: 0, length: 1 })),
    'E_BAD_STATE',
  );
});

test('out-of-range access and absurd sizes are refused', () => {
  const t = testKernel();
  const a = t.spawn();
  const { handle } = t.sys<{ handle: number }>(a.pid, 'region_alloc', { size: 16 });
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_read', { handle, offset: 10, length: 7 })),
    'E_BAD_ARG',
  );
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_alloc', { size: 0 })),
    'E_BAD_ARG',
  );
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_alloc', { size: 2 ** 31 })),
    'E_TOO_BIG',
  );
});

test('everything an agent holds is released when it exits', () => {
  const t = testKernel();
  const a = t.spawn();
  for (let i = 0; i < 5; i++) t.sys(a.pid, 'region_alloc', { size: 1 << 16 });
  t.sys(a.pid, 'channel_create');
  assert.ok(t.k.memory.charged > 0);
  t.sys(1, 'process_kill', { handle: a.handle });
  assert.equal(t.k.memory.charged, 0);
  assert.equal(a.agent.table.size, 0);
});

test('a freed region that was mapped stays charged until its mappers have ended', () => {
  const t = testKernel();
  const a = t.spawn({ quotas: { memoryBytes: 2 * PARAMS.PAGE_BYTES } });
  const { handle } = t.sys<{ handle: number }>(a.pid, 'region_alloc', { size: 2 * PARAMS.PAGE_BYTES });
  t.sys(a.pid, 'region_map', { handle });
  t.sys(a.pid, 'region_free', { handle });
  assert.equal(a.agent.usage.memoryBytes, 2 * PARAMS.PAGE_BYTES, 'the mapping still holds the pages');
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_alloc', { size: 1 })),
    'E_QUOTA',
  );
  assert.equal(
    t.codeOf(() => t.sys(a.pid, 'region_map', { handle })),
    'E_BAD_STATE',
  );
  t.sys(1, 'process_kill', { handle: a.handle });
  assert.equal(t.k.memory.charged, 0);
});

test('a region mapped by another agent is released when that agent ends, not before', () => {
  const t = testKernel();
  const { handle } = t.sys<{ handle: number }>(1, 'region_alloc', { size: 100 });
  const b = t.spawn({ grants: [{ handle, rights: DEFAULT_RIGHTS.region }] });
  const init = t.k.processes.required(1);
  const before = init.usage.memoryBytes;
  t.sys(b.pid, 'region_map', { handle: b.agent.startHandles[1] });
  t.sys(1, 'region_free', { handle });
  assert.equal(init.usage.memoryBytes, before, 'the pages stay charged to the pool they came from');
  t.sys(1, 'process_kill', { handle: b.handle });
  assert.equal(init.usage.memoryBytes, before - PARAMS.PAGE_BYTES);
});
