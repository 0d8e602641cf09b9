/**
 * An isolate agent's part in doing its leased channel calls on its own thread
 * (src/runtime/isolate/lease-client.ts): the context of its isolate that holds the lease client,
 * the hook in the agent's context that hands the client to its calls (bootOf), and the progress
 * cells the client bumps and the worker's watchdog reads.
 *
 * @example
 * const lease = new AgentLease(attach, pid);
 * await lease.install(isolate, pkg, { making: (m) => …, made: () => … });
 * const seen = lease.progress();   // 'none' | 'ops' | 'waited'
 */
import { createRequire } from 'node:module';
import type IvmModule from 'isolated-vm';
import type { GrantPackage } from '../fast/lease.ts';
import { PROGRESS, SCRATCH_BYTES } from '../isolate/lease-client.ts';
import { sdkContext } from './isolates.ts';

const require = createRequire(import.meta.url);
const ivm = require('isolated-vm') as typeof IvmModule;

export class AgentLease {
  readonly #attach: IvmModule.Reference<(client: unknown, scratch: SharedArrayBuffer) => void>;
  readonly #pid: number;
  readonly #cells = new Int32Array(new SharedArrayBuffer(16));
  /** Where the agent's context and the client pass a call's bytes (lease-boot.ts). */
  readonly #scratch = new SharedArrayBuffer(SCRATCH_BYTES);
  #client: Promise<IvmModule.Reference<(pkg: unknown) => void>> | undefined;
  #context: IvmModule.Context | undefined;
  #seenOps = 0;
  #seenWaited = 0;

  constructor(
    attach: IvmModule.Reference<(client: unknown, scratch: SharedArrayBuffer) => void>,
    pid: number,
  ) {
    this.#attach = attach;
    this.#pid = pid;
  }

  /** Whether a client was made (the watchdog then reads the progress cells). */
  get used(): boolean {
    return this.#client !== undefined;
  }

  /**
   * Hands the client one side of a lease, making the client first if need be; `making` is
   * told while isolated-vm builds the client's context (the isolate must not be disposed then).
   */
  async install(iso: IvmModule.Isolate, pkg: GrantPackage, making: (on: boolean) => void): Promise<void> {
    if (!this.#client) {
      making(true);
      const made = this.#make(iso);
      const settled = () => making(false);
      made.then(settled, settled);
      this.#client = made.then(async ({ context, install, op }) => {
        this.#context = context;
        await this.#attach.apply(undefined, [op, new ivm.ExternalCopy(this.#scratch).copyInto()]);
        return install;
      });
    }
    const install = await this.#client;
    await install.apply(undefined, [new ivm.ExternalCopy(pkg).copyInto()]);
  }

  /**
   * The client's context: a context of its own in the agent's isolate, so the agent's code can
   * neither reach it nor change the built-ins it runs with. Its `install` and `op` functions.
   */
  async #make(iso: IvmModule.Isolate) {
    const context = await sdkContext(iso);
    const client = (name: string) =>
      context.evalClosure(
        `globalThis.__client ??= __aiosSdk.createLeaseClient($0, $1, $2); return globalThis.__client.${name};`,
        [
          new ivm.ExternalCopy(this.#cells.buffer).copyInto(),
          this.#pid,
          new ivm.ExternalCopy(this.#scratch).copyInto(),
        ],
        { result: { reference: true } },
      ) as Promise<IvmModule.Reference<(...args: unknown[]) => unknown>>;
    const install = await client('install');
    const op = await client('op');
    return { context, install, op };
  }

  /**
   * What the client did since the last look: nothing, calls (each a call out: the agent gave
   * the CPU back), or calls of which one waited (the agent blocked).
   */
  progress(): 'none' | 'ops' | 'waited' {
    const ops = Atomics.load(this.#cells, PROGRESS.OPS);
    const waited = Atomics.load(this.#cells, PROGRESS.WAITED);
    if (ops === this.#seenOps) return 'none';
    this.#seenOps = ops;
    if (waited === this.#seenWaited) return 'ops';
    this.#seenWaited = waited;
    return 'waited';
  }

  /** The agent's slice is used up: its next call goes through the worker (and the scheduler). */
  slow(on: boolean): void {
    Atomics.store(this.#cells, PROGRESS.SLOW, on ? 1 : 0);
  }

  release(): void {
    this.#context?.release();
  }
}
