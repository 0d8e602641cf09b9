/**
 * The boot code every agent context holds, and the worker's way to it. BOOT defines
 * `__aiosBoot`, the one function through which the worker starts an agent's code: it builds
 * the agent's port and `os` object over a forwarding reference kept out of the agent's reach,
 * copies each answer into the agent's heap (under its memory limit), ends the agent's code
 * when it hibernates, and never resumes it once the worker has stopped it. It is evaluated with
 * the SDK into the startup snapshot, where WARM_UP runs it once so that the functions every
 * agent calls come compiled, or into a thread's first isolates from the code cache (isolates.ts).
 *
 * @example
 * const { boot, attach } = bootOf(context);
 * await boot.apply(undefined, [load, forward, pid, handles, stopped], { result: { promise: true, copy: true } });
 */
import type IvmModule from 'isolated-vm';
import { OP } from '../op.ts';
import { LEASE_BOOT } from './lease-boot.ts';

/**
 * Defines `__aiosBoot(load, forward, pid, handles, stopped)`, which removes itself from the
 * global object, builds the port and the `os` object, runs the agent's top-level code (`load`)
 * and then its default export, and resolves with { ok, result } or { ok: false, code, message }.
 * `forward` is the reference to the worker's call function; it stays in this closure, out of
 * the agent's reach. `stopped` is a shared cell the worker sets before it disposes the isolate
 * (see IsolateAgent.stop): an answer that reaches the agent after that never resumes its code.
 */
export const BOOT = `
(() => {
// The agent's lease client (lease-client.ts, in a context of its own), once its worker attached one.
${LEASE_BOOT}
Object.defineProperty(globalThis, '__aiosBoot', { configurable: true, writable: false, value: function (load, forward, pid, handles, stopped) {
  delete globalThis.__aiosBoot;
  const sdk = globalThis.__aiosSdk;
  // Taken before the agent's code runs, which could replace them to resume itself after a kill.
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const load32 = Atomics.load;
  const cell = stopped === undefined ? undefined : new Int32Array(stopped);
  // isolated-vm's dispose() asks V8 to terminate the isolate by an interrupt, which V8 can lose
  // when the isolate has no thread at that moment and the next thread to take it is another
  // one; the task already queued then runs on (an answer that resumes a spinning agent). An
  // answer that lands after the kill therefore resolves nothing, so the task ends and the
  // isolate winds down.
  const never = new Promise(() => {});
  const resumed = (p, ok, fail) =>
    apply(then, p, [
      (v) => (cell !== undefined && load32(cell, 0) !== 0 ? never : ok(v)),
      (e) => (cell !== undefined && load32(cell, 0) !== 0 ? never : fail(e)),
    ]);
  const rethrow = (e) => {
    throw e;
  };
  // Answers arrive as external copies and are copied into the heap here, in the agent's own
  // code: an answer that does not fit under its memory limit (a mapped region, a read) then ends
  // the agent with memory_limit (copied in by isolated-vm's own task, it would abort the process).
  const OPTIONS = { arguments: { copy: true }, result: { promise: true, externalCopy: true } };
  // What the agent hibernates on, once it asked to: its code ends then (the SDK throws).
  let hibernating;
  const take = (ext) => {
    const r = ext.copy();
    ext.release();
    return r;
  };
  const answer = (r) => {
    if (r.e !== undefined) throw new sdk.AiosError(r.e, r.m);
    return r.v;
  };
  // via: where the worker sends the call (undefined: as usual; 'kernel': to the kernel itself).
  const out = (op, name, args, t, via) =>
    resumed(forward.apply(undefined, [op, name, args, t, via], OPTIONS), (ext) => {
      const r = take(ext);
      return r.r ? invoke(op, name, args, t) : answer(r);
    }, rethrow);
  const invoke = (op, name, args, t) => {
    if (hibernating !== undefined) {
      return Promise.reject(new sdk.AiosError('E_BAD_STATE', 'The agent is hibernating; its code has ended'));
    }
    if (fast !== undefined && LEASED[name] === 1) {
      const r = fastCall(op, name, args, t);
      if (r.s === undefined) {
        try {
          return Promise.resolve(answer(r));
        } catch (e) {
          return Promise.reject(e);
        }
      }
      if (r.s === 'result') {
        const result = { handle: args.handle, txid: r.txid, timeoutMs: r.timeoutMs };
        return resumed(forward.apply(undefined, [${OP.SERVICE}, 'lease_result', result], OPTIONS), (ext) => answer(take(ext)), rethrow);
      }
      return out(op, name, args, t, r.s === 'kernel' ? 'kernel' : undefined);
    }
    return out(op, name, args, t);
  };
  const hibernate = (wait) => {
    // The worker hears of it without answering back; the outcome carries the wait too.
    forward.applyIgnored(undefined, [${OP.SERVICE}, 'hibernate', { payload: wait }], { arguments: { copy: true } });
    hibernating = wait;
    return Promise.resolve(undefined);
  };
  const port = Object.freeze({
    pid,
    handles: Object.freeze(handles),
    sys: (name, args) => invoke(${OP.SYS}, name, args),
    block: (name, args, wait, timeoutMs) => invoke(${OP.BLOCK}, name, args, timeoutMs),
    call: (args) => invoke(${OP.CALL}, 'channel_call', args),
    wait: (wait, timeoutMs) => invoke(${OP.WAIT}, 'wait', wait, timeoutMs),
    service: (name, payload) => (name === 'hibernate' && hibernating === undefined ? hibernate(payload) : invoke(${OP.SERVICE}, name, { payload })),
  });
  return (async () => {
    try {
      const agent = load();
      const main = agent && agent.default;
      if (typeof main !== 'function') {
        throw new Error('The agent has no default export function; export default async function (os) { … }');
      }
      const value = await main(sdk.createOs(port));
      if (hibernating !== undefined) return { ok: false, hibernate: hibernating };
      return { ok: true, result: value === undefined ? undefined : JSON.stringify(value) };
    } catch (e) {
      if (hibernating !== undefined) return { ok: false, hibernate: hibernating };
      const code = e && typeof e.code === 'string' ? e.code : undefined;
      return { ok: false, code, message: e && e.message !== undefined ? String(e.message) : String(e) };
    }
  })();
} });
})();
`;

/**
 * Run once in a throwaway context while the snapshot is made, so that the functions every
 * agent calls at start are compiled into it rather than in each isolate.
 */
export const WARM_UP = `
(() => {
  const value = (name) => ({ v: name === 'channel_create' ? { handles: [1, 2] } : { labels: {} } });
  const answer = { apply: (_, [op, name]) => Promise.resolve({ copy: () => value(name), release: () => {} }) };
  void globalThis.__aiosBoot(() => ({ default: async (os) => { await os.ipc.channel(1); await os.info(1); return 1; } }), answer, 0, { self: 1 });
})();
`;

/**
 * The boot function of a fresh context (it removes itself from the global object when called),
 * and the function that hands the agent's calls a lease client (removed from the global object
 * here, before any of the agent's code runs).
 */
export function bootOf(context: IvmModule.Context): {
  boot: IvmModule.Reference<(...args: unknown[]) => unknown>;
  attach: IvmModule.Reference<(client: unknown, scratch: SharedArrayBuffer) => void>;
} {
  const boot = context.global.getSync('__aiosBoot', { reference: true }) as IvmModule.Reference<
    (...args: unknown[]) => unknown
  >;
  const attach = context.global.getSync('__aiosAttach', { reference: true }) as IvmModule.Reference<
    (client: unknown, scratch: SharedArrayBuffer) => void
  >;
  context.global.deleteSync('__aiosAttach');
  return { boot, attach };
}
