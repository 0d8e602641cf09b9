/**
 * System services on worker threads. A service is trusted code (the `builtin` runtime: it may
 * use Node, files, SQLite), but run in the aios process it sits on the kernel's thread, where
 * every call to it waits for the kernel thread's pump and event loop, and where its crash, hang
 * or heap takes the host down with it. Labelled `thread: 'worker'`, a builtin agent runs instead
 * on a thread of its own in the worker pool (src/runtime/worker/service-main.ts): to the kernel it
 * is an agent on a worker like any isolate agent, so its channels are leased to that thread and
 * an isolate agent's calls to it cross no kernel thread. That thread hosts nothing else, so what
 * the service does to it (an uncaught exception, `process.exit`, a heap past its memory quota, an
 * endless loop) ends the service alone: the pool reports it `crashed` (or `memory_limit`) and
 * recalls its leases, and the kill switch terminates the thread wherever its code is.
 *
 * @example
 * host.spawnFile(file, { runtime: 'builtin', labels: { [SERVICE_THREAD_LABEL]: SERVICE_THREAD_WORKER } });
 */
import type { ResourceLimits } from 'node:worker_threads';
import { KernelError } from '../kernel/errors.ts';
import type { Agent } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { AgentHost } from './host.ts';
import type { WorkerPool } from './pool.ts';
import { PooledRuntime } from './pooled.ts';

/** The label that places a builtin agent on a worker thread of its own. */
export const SERVICE_THREAD_LABEL = 'thread';
export const SERVICE_THREAD_WORKER = 'worker';

/** Below this a Node thread cannot load its own modules. */
const SERVICE_HEAP_MIN_MB = 16;

/** The entry of a service's thread. */
export const SERVICE_WORKER_FILE = new URL('./worker/service-main.ts', import.meta.url);

/** Whether `agent` is a builtin agent that asked for a worker thread of its own. */
export function onServiceThread(agent: Agent): boolean {
  return agent.runtime === 'builtin' && agent.labels[SERVICE_THREAD_LABEL] === SERVICE_THREAD_WORKER;
}

/**
 * The pool of the host's isolate runtime, built if need be: a service's thread joins the pool
 * its callers run on, whose lease book covers both ends of their channels.
 */
export function isolatePool(host: AgentHost): Promise<WorkerPool> {
  const isolates = host.runtime('isolate');
  if (!(isolates instanceof PooledRuntime)) {
    return Promise.reject(
      new KernelError(
        'E_BAD_ARG',
        `No worker pool here to give a service a thread; start it without the '${SERVICE_THREAD_LABEL}' label`,
      ),
    );
  }
  return isolates.built();
}

/**
 * The thread's V8 limits: its heap is the agent's memory quota (as an isolate's is), so a
 * service that grows past it ends with `memory_limit` instead of taking the process's memory.
 */
export function serviceThreadLimits(agent: Agent): ResourceLimits {
  return {
    maxOldGenerationSizeMb: Math.max(SERVICE_HEAP_MIN_MB, Math.ceil(agent.quotas.memoryBytes / 2 ** 20)),
  };
}

/** The start frame of a service's thread: its module, by path and hash, and its named handles. */
export function serviceStart(agent: Agent, port: AgentPort): Record<string, unknown> {
  return { op: 'start', handles: { ...port.handles }, file: agent.image.ref, hash: agent.image.hash };
}

/** Why a worker's agents ended when its thread failed: a service thread's heap limit, or a crash. */
export function threadEndReason(error: Error): 'memory_limit' | 'crashed' {
  return (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory_limit' : 'crashed';
}
