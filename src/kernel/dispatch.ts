/**
 * Syscall dispatch: the one path every syscall takes. It validates every argument against
 * the table's schema (validators compiled once), resolves the handle argument and checks its
 * kind and rights, runs the handler, and records the decision in the audit chain: denials and
 * control-plane calls as entries, allowed data-plane calls counted.
 */
import { compileArgs } from './args.ts';
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { isAlive } from './process.ts';
import { wouldBlockSlot } from './syscall-def.ts';
import { SYSCALLS, type SyscallDef } from './syscalls.ts';

interface Compiled extends SyscallDef {
  /** The argument checker, compiled at the call's first use: a boot makes a handful of calls. */
  validate: (args: Record<string, unknown>) => string | undefined;
  /** The call carries a required `bytes` argument, counted in the audit. */
  readonly bytesArg: boolean;
  /** The audit slot its E_WOULD_BLOCK outcomes are counted in. */
  readonly wouldBlock: { no: number; name: string };
}

const BY_NAME = new Map<string, Compiled>();
const BY_NO: Compiled[] = [];
for (const def of SYSCALLS) {
  const compiled: Compiled = {
    ...def,
    validate: (args) => {
      compiled.validate = compileArgs(def.args);
      return compiled.validate(args);
    },
    bytesArg: def.args.bytes?.type === 'bytes' && def.args.bytes.optional !== true,
    wouldBlock: wouldBlockSlot(def.no, def.name),
  };
  BY_NAME.set(def.name, compiled);
  BY_NO[def.no] = compiled;
}

/** Runs one syscall for `pid`; see Kernel.syscall. */
export function dispatch(
  k: Kernel,
  pid: number,
  name: string | number,
  args: Record<string, unknown>,
): unknown {
  const def = typeof name === 'number' ? BY_NO[name] : BY_NAME.get(name);
  const caller = k.processes.get(pid);
  if (caller === undefined || !isAlive(caller) || caller.state === 'suspended') {
    const why = caller ? `agent ${pid} is ${caller.state}` : `no agent has pid ${pid}`;
    k.audit.record(pid, 'syscall', String(def?.name ?? name), false, 'E_BAD_STATE', { message: why });
    throw new KernelError('E_BAD_STATE', `Cannot make a syscall: ${why}`);
  }
  if (def === undefined) {
    caller.usage.denied++;
    k.audit.record(pid, 'syscall', String(name).slice(0, 64), false, 'E_UNKNOWN_CALL');
    throw new KernelError(
      'E_UNKNOWN_CALL',
      `Unknown syscall '${String(name).slice(0, 64)}'; run 'aios syscalls' for the list`,
    );
  }
  caller.usage.syscalls++;
  let valid = false;
  try {
    const problem = def.validate(args);
    if (problem !== undefined) throw new KernelError('E_BAD_ARG', `${def.name}: ${problem}`);
    valid = true;
    const spec = def.handle;
    const h =
      spec === undefined
        ? undefined
        : k.handles.lookup(caller.table, args[spec.arg] as number, spec.kind, spec.rights);
    const result = def.run(k, caller, args, h as Handle);
    if (def.plane === 'data')
      k.audit.count(pid, def.no, def.name, def.bytesArg ? (args.bytes as Uint8Array).length : 0);
    else k.audit.record(pid, 'syscall', def.name, true, undefined, def.audit?.(args, result));
    return result;
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
    if (error.code === 'E_WOULD_BLOCK') {
      k.audit.count(pid, def.wouldBlock.no, def.wouldBlock.name, 0);
    } else {
      caller.usage.denied++;
      // A refusal names what was asked, as an allowed call's entry does (once the arguments
      // are known to be well formed).
      const asked = valid ? def.audit?.(args, {}) : undefined;
      k.audit.record(pid, 'syscall', def.name, false, error.code, { ...asked, message: error.message });
    }
    throw error;
  }
}
