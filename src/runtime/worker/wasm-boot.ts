/**
 * The bootstrap of a WebAssembly agent, run inside its isolate with the forwarding reference
 * as $0, the module's bytes as $1, its start handles as $2, the kernel's error numbers as $3
 * and, as $4, the pages its memory quota allows its memory (0 if its own maximum is lower).
 * The module may import only:
 *
 *   aios.handle(name_ptr, name_len) -> i32        a named start handle (self, llm, …) or 0
 *   aios.channel_create(out_ptr) -> i32           writes two u32 handles; 0 or -errno
 *   aios.send(handle, ptr, len) -> i32            waits while the queue is full
 *   aios.recv(handle, ptr, cap, txid_ptr) -> i32  waits for a message; its length or -errno
 *   aios.call(handle, ptr, len, out_ptr, out_cap) -> i32   request/reply; reply length
 *   aios.reply(handle, txid, ptr, len) -> i32
 *   aios.sys(name_ptr, name_len, json_ptr, json_len, out_ptr, out_cap) -> i32
 *                                                 any syscall with JSON arguments; result JSON length
 *   aios.log(ptr, len)
 *   wasi_snapshot_preview1.*                      a subset: fd_write to 1 and 2 (the log),
 *                                                 proc_exit, clock_time_get, random_get,
 *                                                 args/environ (empty), sched_yield; no file is
 *                                                 reachable, as no directory is preopened
 *
 * Errors come back as the negated number of the kernel's error code (ERROR_NUMBERS). The
 * agent's result is what its exported `run` returns (a number), or nothing after `_start`.
 * Each call blocks only the isolate's own thread until the kernel answers.
 */
import { OP } from '../op.ts';
export const WASM_BOOT = `
const forward = $0, wasmBytes = $1, handles = $2;
const ERRNO = $3, QUOTA_PAGES = $4;
const OPTIONS = { arguments: { copy: true } };
const enc = new TextEncoder(), dec = new TextDecoder();
let memory, startBytes = 0;
class Exit { constructor(code) { this.code = code; } }
const call = (op, name, args, t) => forward.applySyncPromise(undefined, [op, name, args, t], OPTIONS);
const errno = (r) => -(ERRNO[r.e] || 1);
const mem = () => new Uint8Array(memory.buffer);
const view = () => new DataView(memory.buffer);
const bytesAt = (ptr, len) => mem().slice(ptr >>> 0, (ptr >>> 0) + (len >>> 0));
const put = (ptr, cap, bytes) => {
  if (bytes.length > cap >>> 0) return -ERRNO.E_TOO_BIG;
  mem().set(bytes, ptr >>> 0);
  return bytes.length;
};
const aios = {
  handle: (p, n) => handles[dec.decode(bytesAt(p, n))] ?? 0,
  channel_create: (out) => {
    const r = call(${OP.SYS}, 'channel_create', {});
    if (r.e) return errno(r);
    view().setUint32(out >>> 0, r.v.handles[0], true);
    view().setUint32((out >>> 0) + 4, r.v.handles[1], true);
    return 0;
  },
  send: (h, p, n) => {
    const r = call(${OP.BLOCK}, 'channel_write', { handle: h >>> 0, bytes: bytesAt(p, n) });
    return r.e ? errno(r) : 0;
  },
  recv: (h, p, cap, txidPtr) => {
    const r = call(${OP.BLOCK}, 'channel_read', { handle: h >>> 0 });
    if (r.e) return errno(r);
    if (txidPtr) view().setUint32(txidPtr >>> 0, r.v.txid, true);
    return put(p, cap, r.v.bytes);
  },
  call: (h, p, n, out, cap) => {
    const r = call(${OP.CALL}, 'channel_call', { handle: h >>> 0, bytes: bytesAt(p, n) });
    return r.e ? errno(r) : put(out, cap, r.v.bytes);
  },
  reply: (h, txid, p, n) => {
    const r = call(${OP.SYS}, 'channel_reply', { handle: h >>> 0, txid: txid >>> 0, bytes: bytesAt(p, n) });
    return r.e ? errno(r) : 0;
  },
  sys: (np, nn, jp, jn, out, cap) => {
    let args;
    try { args = jn ? JSON.parse(dec.decode(bytesAt(jp, jn))) : {}; } catch { return -ERRNO.E_BAD_ARG; }
    const r = call(${OP.SYS}, dec.decode(bytesAt(np, nn)), args);
    if (r.e) return errno(r);
    return put(out, cap, enc.encode(JSON.stringify(r.v ?? null)));
  },
  log: (p, n) => { call(${OP.SERVICE}, 'log', { payload: dec.decode(bytesAt(p, n)) }); },
};
const WASI_EBADF = 8, WASI_ENOSYS = 52, WASI_ENOTCAPABLE = 76, WASI_EINVAL = 28;
const wasi = {
  fd_write: (fd, iovs, count, written) => {
    if (fd !== 1 && fd !== 2) return WASI_EBADF;
    const v = view();
    let text = '', total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = v.getUint32(iovs + i * 8, true), len = v.getUint32(iovs + i * 8 + 4, true);
      text += dec.decode(bytesAt(ptr, len));
      total += len;
    }
    if (text.length) call(${OP.SERVICE}, 'log', { payload: text.replace(/\\n$/, '') });
    v.setUint32(written, total, true);
    return 0;
  },
  proc_exit: (code) => { throw new Exit(code); },
  clock_time_get: (id, precision, out) => {
    view().setBigUint64(out, BigInt(Math.round(Date.now() * 1e6)), true);
    return 0;
  },
  random_get: (ptr, len) => {
    const r = call(${OP.SERVICE}, 'random', { payload: len });
    if (r.e) return WASI_ENOSYS;
    mem().set(r.v, ptr >>> 0);
    return 0;
  },
  args_sizes_get: (c, s) => { view().setUint32(c, 0, true); view().setUint32(s, 0, true); return 0; },
  args_get: () => 0,
  environ_sizes_get: (c, s) => { view().setUint32(c, 0, true); view().setUint32(s, 0, true); return 0; },
  environ_get: () => 0,
  sched_yield: () => 0,
  fd_prestat_get: () => WASI_EBADF,
  fd_prestat_dir_name: () => WASI_EBADF,
  fd_fdstat_get: (fd) => (fd <= 2 ? 0 : WASI_EBADF),
  fd_close: () => WASI_EBADF,
  fd_read: () => WASI_EBADF,
  fd_seek: () => WASI_EBADF,
  path_open: () => WASI_ENOTCAPABLE,
};
const stub = (ns) => new Proxy(ns, { get: (t, k) => (k in t ? t[k] : () => WASI_ENOSYS) });
return (async () => {
  let instance;
  try {
    const module = new WebAssembly.Module(wasmBytes);
    for (const i of WebAssembly.Module.imports(module)) {
      if (i.module !== 'aios' && i.module !== 'wasi_snapshot_preview1') {
        throw new Error("The module imports '" + i.module + '.' + i.name + "'; a WebAssembly agent may import only aios and wasi_snapshot_preview1");
      }
      if (i.module === 'aios' && !(i.name in aios)) throw new Error("There is no import aios." + i.name);
    }
    instance = new WebAssembly.Instance(module, { aios, wasi_snapshot_preview1: stub(wasi) });
    memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error('The module must export its memory as "memory"');
    startBytes = memory.buffer.byteLength;
    if (typeof instance.exports.run === 'function') {
      const value = instance.exports.run();
      return { ok: true, result: value === undefined ? undefined : JSON.stringify(typeof value === 'bigint' ? Number(value) : value) };
    }
    if (typeof instance.exports._start === 'function') {
      instance.exports._start();
      return { ok: true, result: undefined };
    }
    throw new Error('The module exports neither run nor _start');
  } catch (e) {
    if (e instanceof Exit && e.code === 0) return { ok: true, result: undefined };
    // A module that grew its memory to near what its quota allows (7/8, as an isolate's heap
    // is judged full) and then failed (a trap, or exit(1) when its allocator got -1 from
    // memory.grow) ran out of memory: the grow it failed on is not visible from here.
    const bytes = memory instanceof WebAssembly.Memory ? memory.buffer.byteLength : 0;
    const memoryFull = QUOTA_PAGES > 0 && bytes > startBytes && bytes >= QUOTA_PAGES * 65536 * 7 / 8;
    if (e instanceof Exit) return { ok: false, message: 'exited with code ' + e.code, exitCode: e.code, memoryFull };
    return { ok: false, message: e && e.message !== undefined ? String(e.message) : String(e), memoryFull };
  }
})();
`;
