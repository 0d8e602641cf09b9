/**
 * How a role agent works in a team, the same for every role (and for a role agent of your own,
 * docs/teams.md): its labels name the team, its role and the team's context on the bus; its
 * `team` handle is a channel to the manager. It registers what it does with semantic-ipcd (the
 * intent `TEAM.ROLE`, reachable only by the teams service), says it is ready on its channel,
 * then answers steps — calls on its channel, or messages routed to its intent — until the
 * manager says stop. What it finds or decides goes on the team's context bus.
 *
 * @example
 * export default (os) => serveRole(os, { describe: 'Research a goal', examples: ['research a goal'] }, research);
 */
import type { Os } from '../../../sdk/os.ts';
import type { Busd } from '../../bus/ops.ts';

export type StepName = 'research' | 'plan' | 'execute' | 'validate' | 'stop';

export interface Step {
  step: StepName;
  team: string;
  goal: string;
  context: string;
  round: number;
  /** How many file facts the researcher reports at most (the manager's limit). */
  factsMax: number;
}

export interface StepReply {
  ok: boolean;
  /** One line: what the role did or decided, for the transcript. */
  text: string;
  data?: unknown;
}

export interface RoleSetup {
  team: string;
  role: string;
  context: string;
  manager: string;
}

export type StepWork = (os: Os, step: Step, setup: RoleSetup) => Promise<StepReply>;

/** The intent a role of a team registers: short, and its team's alone. */
export const intentOf = (team: string, role: string) => `${team}.${role}`;

/** Serves the role until the manager says stop; `describe` is what semantic-ipcd routes by. */
export async function serveRole(
  os: Os,
  meaning: { description: string; examples: string[] } | undefined,
  work: StepWork,
): Promise<unknown> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  const setup: RoleSetup = {
    team: labels.team,
    role: labels.role,
    context: labels.context,
    manager: labels.manager ?? 'teams',
  };
  const channel = os.handles.team;
  if (channel === undefined) throw new Error('A role agent needs its team handle: a channel to the manager');
  const intent = intentOf(setup.team, setup.role);
  if (meaning) {
    await os.intent.register({
      intent,
      description: meaning.description,
      examples: meaning.examples,
      tags: [setup.team, setup.role],
      allow: [setup.manager],
    });
  }
  await os.ipc.send(channel, { ready: setup.role });
  let stopped = false;
  const answer = async (step: Step): Promise<StepReply> => {
    if (step.team !== setup.team)
      return {
        ok: false,
        text: `${setup.role} of ${setup.team} works for its own team only, not ${step.team}`,
      };
    try {
      return await work(os, step, setup);
    } catch (error) {
      return { ok: false, text: `${setup.role} failed: ${(error as Error)?.message ?? String(error)}` };
    }
  };
  const viaIntent = async () => {
    while (meaning && !stopped) {
      let next: Awaited<ReturnType<typeof os.intent.next>>;
      try {
        next = await os.intent.next({ waitMs: 2000 });
      } catch {
        await os.sleep(200); // semantic-ipcd restarting: the next call re-binds
        continue;
      }
      const message = next.message;
      if (message === null || message === undefined) continue;
      const reply = await answer(message.payload as Step);
      await os.intent.answer({ id: message.id, reply });
    }
  };
  const routed = viaIntent();
  for (;;) {
    const m = await os.ipc.recv(channel);
    const step = m.json<Step>();
    if (step.step === 'stop') {
      stopped = true;
      if (meaning) await os.intent.unregister({ intent }).catch(() => {});
      if (m.txid !== 0) await os.ipc.reply(channel, m, { ok: true, text: `${setup.role} stopped` });
      void routed.catch(() => {}); // a waiting `next` ends with the agent
      return { role: setup.role, stopped: true };
    }
    const reply = await answer(step);
    if (m.txid !== 0) await os.ipc.reply(channel, m, reply);
  }
}

/** The team's context bus (busd), shared by the manager with each role. */
export function bus(os: Os) {
  const busd = os.services.client<Busd>('busd');
  return {
    get: async (context: string, key: string): Promise<unknown> => {
      const { entries } = await busd.get({ context, key });
      return entries[0]?.value;
    },
    set: (context: string, key: string, value: unknown) => busd.set({ context, key, value }),
    publish: (context: string, type: string, data: unknown) => busd.publish({ context, type, data }),
  };
}

/**
 * Runs read-only tool actions through the planner with this agent's own rights (a plan of tool
 * nodes, waited for) and returns each node's output; throws naming the node that failed.
 */
export async function probe(
  os: Os,
  name: string,
  nodes: { id: string; tool: string; args: Record<string, unknown> }[],
): Promise<Record<string, unknown>> {
  const run = await os.plan.run({
    plan: { name, nodes: nodes.map((n) => ({ ...n, kind: 'tool' })) },
    wait: true,
  });
  const out: Record<string, unknown> = {};
  for (const node of run.nodes) {
    if (node.state === 'done') out[node.id] = node.output;
    else if (node.error) out[node.id] = { error: node.error };
  }
  if (run.state !== 'done' && Object.keys(out).length === 0)
    throw new Error(`plan ${run.id} ended ${run.state}${run.error ? `: ${run.error}` : ''}`);
  return out;
}

/** Compact file facts: the path as the tools gave it, size and modification time. */
export interface Fact {
  path: string;
  size: number;
  mtime: string;
}

/**
 * Asks the LLM, when this role was given one, and returns its text; undefined when it has none
 * or the call failed (the role then reasons by its rules, and says so).
 */
export async function think(os: Os, system: string, prompt: string): Promise<string | undefined> {
  if (os.handles.llm === undefined) return undefined;
  try {
    const answer = await os.llm.generate({ system, prompt, maxTokens: 400 });
    return answer.text;
  } catch {
    return undefined;
  }
}

/** The first JSON object in a model's answer, or undefined. */
export function jsonIn(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const v = JSON.parse(text.slice(start, end + 1));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A size for people: 1.2 KB, 3.4 MB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** The last segment of a path. */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
