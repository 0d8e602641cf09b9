/**
 * What memoryd's declaration refuses before the service sees a request (serve() checks every
 * request against it): a share naming an agent longer than any name can be, which a hostile
 * agent would otherwise use to store unbounded rows in memory.db's shares.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEMORY_LIMITS } from './limits.ts';
import { MEMORYD } from './ops.ts';

test('a share naming an agent longer than a namespace name is refused by the schema', () => {
  const share = MEMORYD.ops.share.args;
  assert.equal(share.safeParse({ agent: 'bob', access: 'read' }).success, true);
  const long = 'a'.repeat(MEMORY_LIMITS.NAMESPACE_MAX_CHARS + 1);
  const refused = share.safeParse({ agent: long, access: 'read' });
  assert.equal(refused.success, false);
  assert.deepEqual(refused.error?.issues[0]?.path, ['agent']);
});
