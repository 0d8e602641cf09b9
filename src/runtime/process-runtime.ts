/**
 * The process runtime: the weaker tier, for trusted agents that need npm packages. Each
 * agent is a child Node process under Node's permission model: it may read only its own
 * folder (by its real path, and not started if a link in it leads out: folder-grant.ts) and the SDK, and may not write files, start processes or workers, load native
 * addons or use WASI. It reaches the kernel over its IPC channel with the same SDK as every
 * other tier. What the permission model does NOT stop (network sockets, for one) is listed
 * in docs/runtimes.md. Suspend and resume are real: SIGSTOP and SIGCONT.
 *
 * @example
 * host.register(new ProcessRuntime());
 */
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { KernelError } from '../kernel/errors.ts';
import { type Agent, PARAMS } from '../kernel/index.ts';
import type { AgentPort, Wait } from '../sdk/port.ts';
import { FolderDenied, readableFolder } from './folder-grant.ts';
import { OP } from './op.ts';
import type { Runtime } from './runtime.ts';
import { waitFor } from './waits.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { readFileSync, realpathSync } = process.getBuiltinModule('node:fs');

// Real paths: the permission model compares the paths a program names, links unresolved.
const CHILD = realpathSync(join(import.meta.dirname, 'process-child.ts'));
/** The wire's call ops, which the child imports (a file of constants). */
const CHILD_OPS = realpathSync(join(import.meta.dirname, 'op.ts'));
const SDK_DIR = realpathSync(resolve(import.meta.dirname, '..', 'sdk'));
/** A child may average its per-epoch CPU quota over this many epochs before it is stopped. */
const CPU_WINDOW_EPOCHS = 10;
const CLOCK_TICKS = 100;
/**
 * How often a child's resident memory is read: a Buffer bomb can fault in about a gigabyte a
 * second, so it overshoots its limit by at most a few tens of megabytes.
 */
const MEMORY_WATCH_MS = 10;
/**
 * A child's resident memory may grow, past what Node held before the agent's module loaded, by
 * this many times its quota: one quota for the V8 heap (which --max-old-space-size holds; its
 * collector needs room beyond the live heap) and one for memory outside it (Buffers, native).
 */
const RESIDENT_QUOTAS = 2;

interface Child {
  process: ChildProcess;
  stopped: 'killed' | 'cpu_limit' | 'memory_limit' | undefined;
  message: string;
  /** Resident bytes before the agent's module loaded, as the child reported them. */
  baseline: number | undefined;
  /** CPU ms used at each of the last epochs. */
  history: number[];
}

interface Request {
  req: number;
  op: number;
  name: string;
  args: Record<string, unknown>;
  timeoutMs?: number;
}

export class ProcessRuntime implements Runtime {
  readonly tier = 'process' as const;
  readonly #children = new Map<number, Child>();

  run(agent: Agent, port: AgentPort): Promise<string | undefined> {
    let file: string;
    let folder: string;
    try {
      ({ file, folder } = readableFolder(agent.image.ref));
    } catch (error) {
      const message = error instanceof FolderDenied ? error.message : String((error as Error).message);
      return Promise.reject({ reason: error instanceof FolderDenied ? 'denied' : 'crashed', message });
    }
    const memoryMb = Math.max(16, Math.ceil(agent.quotas.memoryBytes / 2 ** 20));
    // node:child_process loads with the first process agent, not with every `aios up`.
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(
      process.execPath,
      [
        '--permission',
        `--allow-fs-read=${folder}`,
        `--allow-fs-read=${SDK_DIR}`,
        `--allow-fs-read=${CHILD}`,
        `--allow-fs-read=${CHILD_OPS}`,
        `--max-old-space-size=${memoryMb}`,
        '--disable-warning=ExperimentalWarning',
        CHILD,
        file,
        String(agent.pid),
        JSON.stringify(port.handles),
      ],
      {
        cwd: folder,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      },
    );
    const entry: Child = {
      process: child,
      stopped: undefined,
      message: '',
      history: [],
      baseline: undefined,
    };
    this.#children.set(agent.pid, entry);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4096);
    });
    child.stdout!.on('data', (d: Buffer) => port.service('log', d.toString().trimEnd()).catch(() => {}));
    const watch = setInterval(() => this.#checkCpu(agent, entry), PARAMS.EPOCH_MS);
    watch.unref();
    const limitBytes = RESIDENT_QUOTAS * memoryMb * 2 ** 20;
    const memoryWatch = setInterval(() => this.#checkMemory(entry, limitBytes, memoryMb), MEMORY_WATCH_MS);
    memoryWatch.unref();
    let report: { ok: boolean; result?: string; code?: string; message?: string } | undefined;
    child.on('message', (m: Request | { exit: typeof report } | { baseline: number }) => {
      if ('exit' in m) report = m.exit;
      // Sent by process-child.ts before the agent's module loads; later ones are the agent's.
      else if ('baseline' in m) entry.baseline ??= Number(m.baseline) || 0;
      else this.#serve(child, port, m);
    });
    return new Promise((resolvePromise, reject) => {
      child.on('error', (error) => reject({ reason: 'crashed', message: error.message }));
      child.on('exit', (code, signal) => {
        clearInterval(watch);
        clearInterval(memoryWatch);
        this.#children.delete(agent.pid);
        if (entry.stopped === 'cpu_limit' || entry.stopped === 'memory_limit') {
          return reject({ reason: entry.stopped, message: entry.message });
        }
        if (entry.stopped === 'killed') return reject({ reason: 'killed', message: 'stopped' });
        if (report?.ok) return resolvePromise(report.result);
        if (report) {
          const denied = report.code?.startsWith('E_') || report.code === 'ERR_ACCESS_DENIED';
          return reject({
            reason: denied ? 'denied' : 'error',
            message: report.code?.startsWith('E_') ? `${report.code}: ${report.message}` : report.message,
          });
        }
        if (/heap limit|out of memory/i.test(stderr)) {
          return reject({ reason: 'memory_limit', message: `exceeded its ${memoryMb} MB heap limit` });
        }
        const last = stderr.trim().split('\n').pop() ?? '';
        reject({
          reason: 'crashed',
          message: `process exited with ${signal ?? `code ${code}`}${last ? `: ${last}` : ''}`,
        });
      });
    });
  }

  stop(pid: number): void {
    const entry = this.#children.get(pid);
    if (!entry) return;
    entry.stopped ??= 'killed';
    entry.process.kill('SIGKILL');
  }

  suspend(pid: number): void {
    this.#children.get(pid)?.process.kill('SIGSTOP');
  }

  resume(pid: number): void {
    this.#children.get(pid)?.process.kill('SIGCONT');
  }

  async close(): Promise<void> {
    for (const pid of this.#children.keys()) this.stop(pid);
  }

  #serve(child: ChildProcess, port: AgentPort, m: Request): void {
    const answer = (v: unknown) => {
      if (child.connected) child.send({ req: m.req, v });
    };
    const fail = (error: unknown) => {
      const e = error as { code?: string; message?: string };
      if (child.connected)
        child.send({ req: m.req, e: e.code ?? 'E_BAD_STATE', m: String(e.message ?? error) });
    };
    try {
      const args = (m.args ?? {}) as Record<string, unknown>;
      if (m.op === OP.SYS) answer(port.sys(String(m.name), args));
      else if (m.op === OP.BLOCK)
        port.block!(String(m.name), args, waitFor(m.name, args), m.timeoutMs).then(answer, fail);
      else if (m.op === OP.CALL) port.call!(args as never).then(answer, fail);
      else if (m.op === OP.WAIT)
        port.wait(args as unknown as Wait, m.timeoutMs).then(() => answer(undefined), fail);
      else if (m.op === OP.SERVICE) port.service(m.name as never, args.payload).then(answer, fail);
      else throw new KernelError('E_BAD_ARG', `Unknown call kind ${m.op}`);
    } catch (error) {
      fail(error);
    }
  }

  /**
   * Stops a child whose resident memory grew past its limit (see RESIDENT_QUOTAS): the heap
   * limit alone leaves Buffers and native memory unbounded.
   */
  #checkMemory(entry: Child, limitBytes: number, memoryMb: number): void {
    const pid = entry.process.pid;
    if (pid === undefined || entry.stopped || entry.baseline === undefined) return;
    let rss: number;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
    } catch {
      return;
    }
    if (!(rss - entry.baseline > limitBytes)) return;
    entry.stopped = 'memory_limit';
    entry.message = `exceeded its ${memoryMb} MB memory limit: resident memory grew by ${Math.round((rss - entry.baseline) / 2 ** 20)} MB; heap and buffers may take ${memoryMb} MB each`;
    entry.process.kill('SIGKILL');
  }

  /** Stops a child whose CPU use over the window exceeds its quota for that window. */
  #checkCpu(agent: Agent, entry: Child): void {
    const pid = entry.process.pid;
    if (pid === undefined || entry.stopped) return;
    let ticks: number;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
    } catch {
      return;
    }
    const usedMs = (ticks * 1000) / CLOCK_TICKS;
    agent.usage.cpuMsTotal = usedMs;
    const history = entry.history;
    history.push(usedMs);
    if (history.length > CPU_WINDOW_EPOCHS) history.shift();
    const window = usedMs - history[0];
    const allowed = agent.quotas.cpuMsPerEpoch * CPU_WINDOW_EPOCHS;
    if (history.length === CPU_WINDOW_EPOCHS && window > allowed) {
      entry.stopped = 'cpu_limit';
      entry.message = `used ${Math.round(window)} ms of CPU in ${CPU_WINDOW_EPOCHS * PARAMS.EPOCH_MS} ms; its limit is ${allowed} ms`;
      entry.process.kill('SIGKILL');
    }
  }
}
