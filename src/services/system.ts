/**
 * The system's own services: which run, how each is started under the root supervisor (one
 * `services` tree, each service a worker on a thread of its own), and the gateway through which
 * the host's surfaces call them. `aios up` starts them right after it is ready; a new service is
 * one more entry in SYSTEM_SERVICES (see docs/services.md).
 *
 * @example
 * const { supervisor, gateway } = await startSystemServices(system);
 * await gateway.call(INIT_PID, 'memoryd', 'search', { query: 'tea' });
 */
import { fileURLToPath } from 'node:url';
import { type Kernel, RIGHTS, RISK, RISK_RIGHTS, SERVICE_LABEL } from '../kernel/index.ts';
import type { Logger } from '../platform/log.ts';
import type { AgentHost } from '../runtime/host.ts';
import { imageOf } from '../runtime/images.ts';
import { SERVICE_THREAD_LABEL, SERVICE_THREAD_WORKER } from '../runtime/service-thread.ts';
import { BUSD } from './bus/ops.ts';
import type { ServiceDecl } from './declare.ts';
import { Gateway } from './gateway.ts';
import { SEMANTIC_IPCD } from './intents/ops.ts';
import { MEMORYD } from './memoryd/ops.ts';
import { PLANNER } from './planner/ops.ts';
import { stopRunsOfRevokedTokens } from './planner/revocations.ts';
import type { SupervisorSpec, WorkerSpec } from './supervisor/child-spec.ts';
import { type SupervisorClient, startSupervision } from './supervisor/service.ts';
import { TEAMS } from './teams/ops.ts';

const MiB = 1024 * 1024;

interface SystemService {
  decl: ServiceDecl;
  /** The agent module, beside its declaration. */
  file: string;
  quotas: Record<string, number>;
  /** Resource handles beyond the tool handle every service holds for its audit. */
  grants?: Record<string, number>;
}

export const SYSTEM_SERVICES: readonly SystemService[] = [
  {
    decl: MEMORYD,
    file: fileURLToPath(new URL('./memoryd/agent.ts', import.meta.url)),
    // its heap: the encoder's tensors, the vector indexes (docs/memory.md: about 512 MB at 100,000)
    quotas: { memoryBytes: 512 * MiB },
  },
  {
    decl: BUSD,
    file: fileURLToPath(new URL('./bus/agent.ts', import.meta.url)),
    quotas: { memoryBytes: 256 * MiB },
  },
  {
    decl: SEMANTIC_IPCD,
    file: fileURLToPath(new URL('./intents/agent.ts', import.meta.url)),
    // the sentence encoder's tensors (about 200 MB) and the handlers' vectors
    quotas: { memoryBytes: 384 * MiB },
  },
  {
    decl: PLANNER,
    file: fileURLToPath(new URL('./planner/agent.ts', import.meta.url)),
    quotas: { memoryBytes: 256 * MiB },
    // for its llm nodes; its tool nodes run with their submitter's rights (planner/rights.ts)
    grants: { llm: RIGHTS.USE },
  },
  {
    decl: TEAMS,
    file: fileURLToPath(new URL('./teams/agent.ts', import.meta.url)),
    quotas: { memoryBytes: 128 * MiB },
    // spawn only: its role agents, each handed a narrowed tool handle (teams/rights.ts), so
    // its tool and llm handles may be passed on (duplicate), never widened
    grants: {
      system: RIGHTS.SPAWN,
      tool: RISK_RIGHTS[RISK.DESTROY] | RIGHTS.DUPLICATE,
      llm: RIGHTS.USE | RIGHTS.DUPLICATE,
    },
  },
];

/** The tree: one_for_one, so one service's restarts never restart another. */
const TREE = {
  name: 'services',
  strategy: 'one_for_one',
  intensity: 5,
  period: 10,
  autoShutdown: false,
} as const;

/** The services tree as the root's first child, given the home its services keep their data in. */
export function servicesTree(home: string): SupervisorSpec {
  const children: WorkerSpec[] = SYSTEM_SERVICES.map((s) => ({
    id: s.decl.name,
    kind: 'worker',
    restart: 'permanent',
    critical: false,
    image: imageOf(s.file),
    runtime: 'builtin',
    quotas: s.quotas,
    // tool_invoke is how a service writes its audit entries, up to deletes
    grants: { tool: RISK_RIGHTS[RISK.DESTROY], ...s.grants },
    connect: [],
    labels: { [SERVICE_LABEL]: s.decl.name, [SERVICE_THREAD_LABEL]: SERVICE_THREAD_WORKER, home },
  }));
  return {
    id: TREE.name,
    kind: 'supervisor',
    restart: 'transient',
    tree: { ...TREE, children },
    labels: { [SERVICE_LABEL]: TREE.name },
  };
}

export interface ServicesHost {
  kernel: Kernel;
  host: AgentHost;
  log: Logger;
  systemHandle: number;
  home: string;
}

/**
 * Starts the root supervisor with the services tree first, opens each service's door on the
 * host (again whenever init restarts the root), and returns the gateway. Throws if the root
 * cannot start.
 */
export async function startSystemServices(
  system: ServicesHost,
): Promise<{ supervisor: SupervisorClient; gateway: Gateway }> {
  const gateway = new Gateway(
    system.host,
    SYSTEM_SERVICES.map((s) => s.decl),
  );
  // a plan's authority follows its submitter: a revoked token's runs stop
  stopRunsOfRevokedTokens(system.kernel.events, gateway, (m) => system.log.warn(`planner: ${m}`));
  const supervisor = await startSupervision(system, {
    services: [servicesTree(system.home)],
    onStart: (client) => {
      for (const s of SYSTEM_SERVICES) {
        system.host.services.open(s.decl.name, () => client.connect([TREE.name, s.decl.name]));
      }
    },
  });
  return { supervisor, gateway };
}
