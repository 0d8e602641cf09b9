/**
 * Spawning a team's role agents, each a real isolated agent (isolate tier) holding only its
 * role's handles: a channel to the manager (`team`), a tool handle narrowed to the role's rights
 * (none for the planner), and the LLM when the team may use one. The kernel narrows each grant
 * at the spawn, so a role can never hold more than this, and checks every action against it.
 *
 * @example
 * const member = await spawnRole(os, { team, role: 'researcher', risk: 1, llm: false, context });
 * const ready = await os.ipc.recv(member.channel, { timeoutMs: 60_000 });
 */
import { fileURLToPath } from 'node:url';
import { RIGHTS } from '../../kernel/rights.ts';
import { imageOf } from '../../runtime/images.ts';
import type { Os } from '../../sdk/os.ts';
import { TEAM_LIMITS as L } from './limits.ts';
import type { Role } from './ops.ts';
import { roleRightsText, roleToolRights } from './rights.ts';

/** Each role's own agent file, beside this module. */
export const ROLE_FILES: Record<Role, string> = {
  researcher: fileURLToPath(new URL('./roles/researcher.ts', import.meta.url)),
  planner: fileURLToPath(new URL('./roles/planner.ts', import.meta.url)),
  executor: fileURLToPath(new URL('./roles/executor.ts', import.meta.url)),
  validator: fileURLToPath(new URL('./roles/validator.ts', import.meta.url)),
};

export interface Member {
  role: Role;
  /** The name the host vouches for it by: busd's grants and semantic-ipcd's allow lists use it. */
  name: string;
  pid: number;
  /** The manager's handle to the agent (wait, kill). */
  agent: number;
  /** The manager's end of the role's channel. */
  channel: number;
  rights: string;
}

export interface RoleSpawn {
  team: string;
  role: Role;
  /** The highest tool risk of the team (the executor's). */
  risk: number;
  llm: boolean;
  context: string;
  /** An agent file of the owner's in place of the role's own. */
  file?: string;
}

export async function spawnRole(os: Os, spec: RoleSpawn): Promise<Member> {
  const [mine, theirs] = await os.ipc.channel();
  const name = `${spec.team}-${spec.role}`;
  const grants: { name: string; handle: number; rights: number }[] = [
    { name: 'team', handle: theirs, rights: RIGHTS.READ | RIGHTS.WRITE | RIGHTS.WAIT },
  ];
  const tool = roleToolRights(spec.role, spec.risk);
  if (tool !== undefined) grants.push({ name: 'tool', handle: os.handles.tool, rights: tool });
  if (spec.llm && os.handles.llm !== undefined)
    grants.push({ name: 'llm', handle: os.handles.llm, rights: RIGHTS.USE });
  try {
    const spawned = await os.sys<{ pid: number; handle: number }>('process_spawn', {
      handle: os.handles.system,
      image: imageOf(spec.file ?? ROLE_FILES[spec.role]),
      runtime: 'isolate',
      name,
      quotas: { memoryBytes: L.ROLE_MEMORY_BYTES },
      labels: {
        team: spec.team,
        role: spec.role,
        context: spec.context,
        manager: 'teams',
        grantNames: grants.map((g) => g.name).join(','),
      },
      grants: grants.map((g) => ({ handle: g.handle, rights: g.rights })),
    });
    return {
      role: spec.role,
      name,
      pid: spawned.pid,
      agent: spawned.handle,
      channel: mine,
      rights: roleRightsText(spec.role, spec.risk) + (grants.some((g) => g.name === 'llm') ? ', llm' : ''),
    };
  } catch (error) {
    await os.handle.close(mine).catch(() => {});
    throw error;
  } finally {
    // The child holds its own end now: when it ends, the manager's end sees the peer closed.
    await os.handle.close(theirs).catch(() => {});
  }
}

/** Ends a role agent that did not stop when asked (it hung, or ignored the stop). */
export async function endRole(os: Os, member: Member): Promise<void> {
  await os.kill(member.agent).catch(() => {}); // it may have ended already
  await os.handle.close(member.channel).catch(() => {});
  await os.handle.close(member.agent).catch(() => {});
}

/** How a role ended, in words, once it has: its exit reason and message. */
export async function endOf(os: Os, member: Member, waitMs: number): Promise<string | undefined> {
  try {
    const status = await os.wait(member.agent, waitMs);
    return `${status.reason}${status.message ? `: ${status.message}` : ''} (exit ${status.code})`;
  } catch {
    return undefined;
  }
}
