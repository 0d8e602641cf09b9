import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Call,
  decodeFrame,
  type Encoded,
  encodeCall,
  encodeControl,
  encodeReply,
  FRAME,
  OP,
  type Reply,
} from './wire.ts';

function roundTrip(e: Encoded) {
  const bytes = new Uint8Array(e.length + 8);
  const view = new DataView(bytes.buffer);
  e.fill(bytes, view, 8);
  return { type: bytes[8], frame: decodeFrame(bytes, view, 8, e.length) };
}

describe('wire frames', () => {
  it('channel writes travel in the binary layout with their handles and bytes', () => {
    const call: Call = {
      pid: 7,
      req: 99,
      op: OP.BLOCK,
      name: 'channel_write',
      args: { handle: 0xdeadbeef, bytes: new Uint8Array([1, 2, 3]), handles: [5, 6] },
      timeoutMs: 250,
    };
    const { type, frame } = roundTrip(encodeCall(call));
    assert.equal(type, FRAME.CALL_WRITE);
    assert.deepEqual(frame, { type: 'call', ...call });
  });

  it('replies and calls keep their own fields', () => {
    for (const call of [
      {
        pid: 1,
        req: 2,
        op: OP.SYS,
        name: 'channel_reply',
        args: { handle: 3, bytes: new Uint8Array([9]), txid: 44 },
      },
      {
        pid: 1,
        req: 3,
        op: OP.SYS,
        name: 'channel_call',
        args: { handle: 3, bytes: new Uint8Array(0), timeoutMs: 10 },
      },
      { pid: 1, req: 4, op: OP.BLOCK, name: 'channel_call_result', args: { handle: 3, txid: 12 } },
      { pid: 1, req: 5, op: OP.SYS, name: 'channel_read', args: { handle: 3 } },
    ] satisfies Call[]) {
      assert.deepEqual(roundTrip(encodeCall(call)).frame, { type: 'call', ...call, timeoutMs: undefined });
    }
  });

  it('other calls are structured-cloned whole', () => {
    const call: Call = { pid: 4, req: 5, op: OP.SERVICE, name: 'log', args: { payload: { a: [1, 'b'] } } };
    const { type, frame } = roundTrip(encodeCall(call));
    assert.equal(type, FRAME.CALL);
    assert.deepEqual(frame, { type: 'call', ...call, timeoutMs: undefined });
  });

  it('a message, an error, a value, nothing and a txid come back as sent', () => {
    const message = {
      type: 'message',
      pid: 1,
      req: 2,
      txid: 3,
      handles: [4],
      bytes: new Uint8Array([5, 6]),
    } satisfies Reply;
    assert.deepEqual(roundTrip(encodeReply(message)).frame, message);
    const error = {
      type: 'error',
      pid: 1,
      req: 2,
      code: 'E_NO_RIGHTS',
      message: 'Handle 5 lacks a right',
    } satisfies Reply;
    assert.deepEqual(roundTrip(encodeReply(error)).frame, error);
    for (const value of [undefined, { txid: 77 }, { pid: 3, handle: 9 }, [1, 2], 'x']) {
      assert.deepEqual(roundTrip(encodeReply({ type: 'value', pid: 1, req: 2, value })).frame, {
        type: 'value',
        pid: 1,
        req: 2,
        value,
      });
    }
  });

  it('control values round-trip', () => {
    assert.deepEqual(roundTrip(encodeControl(9, { op: 'start', code: 'x' })).frame, {
      type: 'control',
      pid: 9,
      value: { op: 'start', code: 'x' },
    });
  });

  it('refuses a frame that lists more handles than it holds', () => {
    const e = encodeReply({
      type: 'message',
      pid: 1,
      req: 2,
      txid: 0,
      handles: [1],
      bytes: new Uint8Array(0),
    });
    const bytes = new Uint8Array(e.length);
    const view = new DataView(bytes.buffer);
    e.fill(bytes, view, 0);
    view.setUint32(16, 1000, true);
    assert.throws(() => decodeFrame(bytes, view, 0, e.length), /too many handles/);
  });

  it('a call marked to be served by the kernel keeps its mark in every layout', () => {
    for (const call of [
      {
        pid: 1,
        req: 2,
        op: OP.BLOCK,
        name: 'channel_read',
        args: { handle: 3 },
        timeoutMs: 9,
        viaKernel: true,
      },
      {
        pid: 1,
        req: 3,
        op: OP.SYS,
        name: 'channel_write',
        args: { handle: 3, bytes: new Uint8Array([1]) },
        viaKernel: true,
      },
      { pid: 1, req: 4, op: OP.SYS, name: 'process_info', args: { handle: 3 }, viaKernel: true },
    ] satisfies Call[]) {
      const { frame } = roundTrip(encodeCall(call));
      assert.equal((frame as { viaKernel?: boolean }).viaKernel, true, call.name);
    }
    const plain = roundTrip(
      encodeCall({ pid: 1, req: 5, op: OP.SYS, name: 'channel_read', args: { handle: 3 } }),
    );
    assert.equal('viaKernel' in plain.frame, false);
  });

  it('"use the lease" travels as a header alone', () => {
    const { type, frame } = roundTrip(encodeReply({ type: 'leased', pid: 4, req: 77 }));
    assert.equal(type, FRAME.REPLY_LEASED);
    assert.deepEqual(frame, { type: 'leased', pid: 4, req: 77 });
  });
});
