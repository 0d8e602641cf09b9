/**
 * The service gateway: how the host's surfaces (the API, MCP, the CLI's embedded system) call
 * a system service as a principal, `system.services.call(principal.pid, 'memoryd', 'search',
 * args)`. It acts as that agent (an API session, or init for the owner) through the same client
 * agents use (sdk/services.ts): the host connects that agent, the service checks its access, and
 * the connection is reused until the agent ends.
 *
 * @example
 * const gateway = new Gateway(host, [MEMORYD]);
 * const { hits } = await gateway.call(INIT_PID, 'memoryd', 'search', { query: 'tea' });
 */
import { KernelError } from '../kernel/index.ts';
import type { AgentHost } from '../runtime/host.ts';
import { AiosError } from '../sdk/errors.ts';
import { createOs } from '../sdk/os.ts';
import type { ServiceDecl, ServiceGateway } from './declare.ts';

type Caller = ReturnType<typeof createOs>['services'];

export class Gateway implements ServiceGateway {
  readonly #host: AgentHost;
  readonly #decls: readonly ServiceDecl[];
  /** Each calling agent's client, with its connections; dropped when the agent ends. */
  readonly #callers = new Map<number, Caller>();

  constructor(host: AgentHost, decls: readonly ServiceDecl[]) {
    this.#host = host;
    this.#decls = decls;
    host.kernel.events.on('lifecycle', (type, agent) => {
      if (type === 'exit') this.#callers.delete(agent.pid);
    });
  }

  declarations(): readonly ServiceDecl[] {
    return this.#decls;
  }

  /**
   * Runs `op` of `service` as agent `caller`. Throws a KernelError: E_NOT_FOUND for a service
   * or operation that does not exist, the service's own code otherwise (E_UNAVAILABLE when it
   * is down or restarting).
   */
  async call(caller: number, service: string, op: string, args: unknown): Promise<unknown> {
    const decl = this.#decls.find((d) => d.name === service);
    if (decl === undefined) {
      const names = this.#decls.map((d) => d.name).join(', ');
      throw new KernelError(
        'E_NOT_FOUND',
        `No system service is named '${service}'; the services are: ${names}`,
      );
    }
    if (!Object.hasOwn(decl.ops, op)) {
      const ops = Object.keys(decl.ops).join(', ');
      throw new KernelError('E_NOT_FOUND', `${service} has no operation '${op}'; it has ${ops}`);
    }
    let client = this.#callers.get(caller);
    if (client === undefined) {
      client = createOs(this.#host.portOf(caller)).services;
      this.#callers.set(caller, client);
    }
    // The service's thread and the kernel's clock do not keep Node running (they are unref'd),
    // so a caller awaiting an answer here would see its process end first: hold it open meanwhile
    const alive = setInterval(() => {}, 2 ** 30);
    try {
      return await client.call(service, op, args ?? {});
    } catch (error) {
      throw AiosError.is(error) ? new KernelError(error.code, error.message) : error;
    } finally {
      clearInterval(alive);
    }
  }
}
