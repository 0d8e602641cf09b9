/**
 * Starting one incarnation of a child, through syscalls only: a worker (active or warm
 * standby) or a child supervisor. Each child gets its checkpoint name (its id, which the
 * kernel puts under the supervisor's own key) and named handles:
 *   service   the server end of the child's endpoint, which the supervisor keeps open, so
 *             clients' requests queue across restarts and the next incarnation answers them
 *   <id>      the client end of each sibling it connects to
 *   standby   (standbys only) where the takeover message arrives; see sdk/checkpoint.ts
 *   control   (child supervisors only) its control channel
 * and the resource handles (llm, tool, cpu, system) its spec grants.
 */
import { PARAMS } from '../../kernel/params.ts';
import { RIGHTS } from '../../kernel/rights.ts';
import type { Os } from '../../sdk/os.ts';
import type { Image, SupervisorSpec, WorkerSpec } from './child-spec.ts';
import { SupervisorError } from './errors.ts';

/** Rights on channel ends handed to children and clients: everything but revoke. */
export const CHANNEL_RIGHTS = RIGHTS.READ | RIGHTS.WRITE | RIGHTS.DUPLICATE | RIGHTS.TRANSFER | RIGHTS.WAIT;
export const CLIENT_RIGHTS = CHANNEL_RIGHTS | RIGHTS.INSPECT;

/**
 * A supervisor's quotas bound its whole tree (a child gets at most its parent's quotas, and
 * what the agents below it use counts against them): the kernel's memory and queue ceilings,
 * CPU and LLM budgets for all its services together, and up to 10,000 agents below it.
 */
export const SUPERVISOR_QUOTAS = {
  memoryBytes: PARAMS.MEM_QUOTA_MAX,
  cpuMsPerEpoch: 60_000,
  ipcQueueDepth: PARAMS.IPC_QUEUE_DEPTH_MAX,
  llmTokensPerMin: 10_000_000,
  children: 10_000,
};

export interface Spawned {
  pid: number;
  handle: number;
}

export interface SpawnContext {
  os: Os;
  /** Rights held on each named handle of the supervisor (system, llm, tool, cpu). */
  held: Record<string, number>;
  /** Client end of each sibling worker's endpoint, by id. */
  clientOf(id: string): number;
}

type Grant = { name: string; handle: number; rights: number };

function resourceGrants(ctx: SpawnContext, wanted: Record<string, number>): Grant[] {
  return Object.entries(wanted).map(([name, rights]) => {
    const handle = ctx.os.handles[name];
    if (handle === undefined || (rights & ~(ctx.held[name] ?? 0)) !== 0) {
      throw new SupervisorError('start_failed', `The supervisor holds no '${name}' handle with those rights`);
    }
    return { name, handle, rights };
  });
}

async function spawnWith(
  ctx: SpawnContext,
  id: string,
  args: Record<string, unknown>,
  grants: Grant[],
  labels: Record<string, string>,
): Promise<Spawned> {
  try {
    return await ctx.os.sys<Spawned>('process_spawn', {
      handle: ctx.os.handles.system,
      name: id,
      ...args,
      labels: { ...labels, checkpoint: id, grantNames: grants.map((g) => g.name).join(',') },
      grants: grants.map((g) => ({ handle: g.handle, rights: g.rights })),
    });
  } catch (error) {
    throw new SupervisorError('start_failed', `Cannot start '${id}': ${(error as Error).message}`);
  }
}

/**
 * Spawns a worker. The active instance gets `server` as its service handle; a standby gets
 * the returned `promote` channel end's peer instead, and waits in os.checkpoint.load().
 */
export async function spawnWorker(
  ctx: SpawnContext,
  spec: WorkerSpec,
  role: 'active' | 'standby',
  server: number,
): Promise<Spawned & { promote: number }> {
  const grants: Grant[] = [];
  let promote = 0;
  let peer = 0;
  if (role === 'active') grants.push({ name: 'service', handle: server, rights: CHANNEL_RIGHTS });
  else {
    [promote, peer] = await ctx.os.ipc.channel(1);
    grants.push({ name: 'standby', handle: peer, rights: CHANNEL_RIGHTS });
  }
  try {
    for (const id of spec.connect) grants.push({ name: id, handle: ctx.clientOf(id), rights: CLIENT_RIGHTS });
    grants.push(...resourceGrants(ctx, spec.grants));
    const spawned = await spawnWith(
      ctx,
      spec.id,
      {
        image: spec.image,
        runtime: spec.runtime,
        schedClass: spec.schedClass,
        weight: spec.weight,
        quotas: spec.quotas,
      },
      grants,
      { ...spec.labels, restart: spec.restart, role },
    );
    return { ...spawned, promote };
  } catch (error) {
    if (promote !== 0) await ctx.os.handle.close(promote);
    throw error;
  } finally {
    if (peer !== 0) await ctx.os.handle.close(peer);
  }
}

/** Hands a standby the service endpoint; false when the standby is already gone. */
export async function promote(os: Os, promoteEnd: number, server: number): Promise<boolean> {
  const service = await os.handle.duplicate(server, CHANNEL_RIGHTS);
  try {
    await os.ipc.trySend(promoteEnd, { takeover: { names: ['service'] } }, [service]);
    return true;
  } catch {
    await os.handle.close(service);
    return false;
  } finally {
    await os.handle.close(promoteEnd);
  }
}

/** Spawns a child supervisor running `image` (this supervisor's own code) with a control channel. */
export async function spawnSupervisor(
  ctx: SpawnContext,
  spec: SupervisorSpec,
  image: Image,
): Promise<Spawned & { control: number }> {
  const [control, peer] = await ctx.os.ipc.channel();
  try {
    const grants: Grant[] = [{ name: 'control', handle: peer, rights: CHANNEL_RIGHTS }];
    for (const name of Object.keys(ctx.held)) {
      if (ctx.os.handles[name] !== undefined)
        grants.push({ name, handle: ctx.os.handles[name], rights: ctx.held[name] });
    }
    const spawned = await spawnWith(
      ctx,
      spec.id,
      { image, runtime: 'builtin', quotas: SUPERVISOR_QUOTAS },
      grants,
      { ...spec.labels, restart: spec.restart, role: 'supervisor' },
    );
    return { ...spawned, control };
  } catch (error) {
    await ctx.os.handle.close(control);
    throw error;
  } finally {
    await ctx.os.handle.close(peer);
  }
}
