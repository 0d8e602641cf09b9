import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OP } from '../wire.ts';
import { fastKind } from './ops.ts';

const bytes = new Uint8Array(1);

it('a lease carries plain channel traffic whose arguments the kernel would accept, nothing else', () => {
  assert.equal(fastKind({ op: OP.SYS, name: 'channel_write', args: { handle: 5, bytes } }), 'write');
  assert.equal(
    fastKind({ op: OP.BLOCK, name: 'channel_write', args: { handle: 5, bytes, handles: [] } }),
    'write',
  );
  assert.equal(fastKind({ op: OP.BLOCK, name: 'channel_read', args: { handle: 5 } }), 'read');
  assert.equal(
    fastKind({ op: OP.CALL, name: 'channel_call', args: { handle: 5, bytes, timeoutMs: 10 } }),
    'call',
  );
  assert.equal(fastKind({ op: OP.SYS, name: 'channel_reply', args: { handle: 5, txid: 9, bytes } }), 'reply');
  for (const call of [
    { op: OP.SYS, name: 'channel_write', args: { handle: 5, bytes, handles: [7] } }, // carries a handle
    { op: OP.SYS, name: 'channel_write', args: { handle: 5, bytes, extra: 1 } }, // E_BAD_ARG is the kernel's
    { op: OP.SYS, name: 'channel_write', args: { handle: 0, bytes } },
    { op: OP.SYS, name: 'channel_read', args: { handle: -1 } },
    { op: OP.CALL, name: 'channel_call', args: { handle: 5, bytes, timeoutMs: -1 } },
    { op: OP.SYS, name: 'channel_reply', args: { handle: 5, txid: 1.5, bytes } },
    { op: OP.SYS, name: 'channel_call', args: { handle: 5, bytes } }, // a raw call: the kernel's
    { op: OP.WAIT, name: 'channel_read', args: { handle: 5 } },
    { op: OP.SYS, name: 'handle_close', args: { handle: 5 } },
  ]) {
    assert.equal(fastKind(call as never), undefined, JSON.stringify(call.args));
  }
});
