import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { AuditStore } from './audit-store.ts';

test('a row ends at a seal, not at an entry whose detail merely mentions one', () => {
  const t = testKernel({ sealEvery: 10 });
  const store = new AuditStore(new DatabaseSync(':memory:'));
  for (let i = 0; i < 15; i++) {
    t.k.audit.record(1, 'note', 'x', true, undefined, i === 12 ? { kind: 'seal' } : { i });
    store.append(t.k.flushAudit());
  }
  const seal = t.lines.findLast((l) => JSON.parse(l).kind === 'seal')!;
  const head = store.head();
  assert.equal(head.sealHash, seal.slice(-66, -2), 'the head names the last real seal');
  assert.equal(head.block.length, head.seq - JSON.parse(seal).seq);
});
