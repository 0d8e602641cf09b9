import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sdkBundle } from '../bundle.ts';
import { forgetAll, newIsolate, recycle, useSdk } from './isolates.ts';

after(() => forgetAll());

test('an isolate kept for one image and spawner goes to no other, and comes with a fresh context', async () => {
  useSdk(await sdkBundle());
  // The first isolates of a thread load the SDK without the snapshot; they are not kept.
  const first = newIsolate(64, 'a');
  assert.equal(recycle('a', first.isolate, first.context), false);
  first.isolate.dispose();
  newIsolate(64).isolate.dispose();

  const used = newIsolate(64, 'a');
  used.context.evalSync('globalThis.left = 1');
  assert.equal(recycle('a', used.isolate, used.context), true);

  const other = newIsolate(64, 'b');
  assert.notEqual(other.isolate, used.isolate);
  assert.notEqual(other.reused, true);
  other.isolate.dispose();

  const again = newIsolate(64, 'a');
  assert.equal(again.isolate, used.isolate);
  assert.equal(again.reused, true);
  assert.equal(again.context.evalSync('typeof globalThis.left'), 'undefined');
  assert.equal(again.context.evalSync('typeof __aiosSdk.createOs'), 'function');
  again.isolate.dispose();
});
