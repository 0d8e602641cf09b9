/**
 * The manager of one team: it spawns the four role agents, shares the team's context on the bus
 * with them, and leads them through research, planning, execution and validation — the
 * researcher and the validator reached through semantic-ipcd by what they do, the planner and the
 * executor by kernel IPC on their channels — retrying once after a failed verdict. Everything
 * said is a transcript entry, kept and audited as it happens. A role that crashes is noticed at
 * once (its channel closes), one that hangs when its step's time is up; either way the team
 * fails with the cause and every role is ended.
 *
 * @example
 * await runTeam(deps, { id: 't1a2b3c4d', goal, risk: 1, llm: false, stepTimeoutMs: 120_000 });
 */

import type { Os } from '../../sdk/os.ts';
import type { Busd } from '../bus/ops.ts';
import type { SemanticIpcd } from '../intents/ops.ts';
import { TEAM_LIMITS as L } from './limits.ts';
import { ROLES, type Role } from './ops.ts';
import type { Step, StepName, StepReply } from './roles/protocol.ts';
import { endOf, endRole, type Member, spawnRole } from './roster.ts';
import type { Said } from './store.ts';

export interface TeamDeps {
  os: Os;
  now(): number;
  /** Records one transcript entry (kept, audited, shown to watchers). */
  say(team: string, entry: Omit<Said, 'at'>): Promise<void>;
  setRoles(team: string, members: Member[]): void;
  setRounds(team: string, rounds: number): void;
  end(team: string, passed: boolean, outcome: { verdict?: string; error?: string }): void;
}

export interface TeamSpec {
  id: string;
  goal: string;
  risk: number;
  llm: boolean;
  stepTimeoutMs: number;
  /** The owner's own agent files for some roles. */
  files?: Partial<Record<Role, string>>;
}

/** A step that could not be done: the team stops with this as its cause. */
class TeamStop extends Error {}

const MEANING: Partial<Record<Role, string>> = {
  researcher: 'research a goal',
  validator: 'validate an outcome',
};
const STEP_OF: Record<Role, StepName> = {
  researcher: 'research',
  planner: 'plan',
  executor: 'execute',
  validator: 'validate',
};

export async function runTeam(deps: TeamDeps, spec: TeamSpec): Promise<void> {
  const { os } = deps;
  const context = `team.${spec.id}`;
  const busd = os.services.client<Busd>('busd');
  const members = new Map<Role, Member>();
  const say = (from: string, to: string, kind: string, text: string, data?: unknown) =>
    deps.say(spec.id, { from, to, kind, text, ...(data === undefined ? {} : { data }) });
  let reading: Promise<void> | undefined;
  let done = false;
  let outcome: { passed: boolean; verdict?: string; error?: string } = {
    passed: false,
    error: 'The team did not end',
  };
  try {
    await busd.create({ name: context, backlog: 1000 });
    for (const role of ROLES) {
      const member = await spawnRole(os, {
        team: spec.id,
        role,
        risk: spec.risk,
        llm: spec.llm,
        context,
        file: spec.files?.[role],
      });
      members.set(role, member);
      await busd.share({ context, agent: member.name, access: 'write' });
      await say(
        'manager',
        role,
        'spawn',
        `spawned ${member.name} (pid ${member.pid}, isolate) with ${member.rights}`,
        { pid: member.pid },
      );
    }
    deps.setRoles(spec.id, [...members.values()]);
    reading = readContext(deps, spec.id, context, [...members.values()], () => done);
    await Promise.all([...members.values()].map((m) => ready(os, m)));
    await say(
      'manager',
      'team',
      'decision',
      `all four roles are ready; context ${context} holds what they share`,
    );
    for (let round = 1; ; round++) {
      deps.setRounds(spec.id, round);
      const verdict = await oneRound(deps, spec, members, context, round);
      if (verdict.pass) {
        await say('manager', 'team', 'decision', `goal achieved: ${verdict.summary}`);
        outcome = { passed: true, verdict: verdict.summary };
        break;
      }
      if (round >= L.ROUNDS_MAX) {
        await say('manager', 'team', 'decision', `goal not achieved after ${round} rounds; stopping`);
        outcome = {
          passed: false,
          verdict: verdict.summary,
          error: `The validator's verdict: ${verdict.summary}`,
        };
        break;
      }
      await say('manager', 'team', 'decision', 'the verdict is fail; trying once more from the research');
    }
  } catch (error) {
    const cause =
      error instanceof TeamStop
        ? error.message
        : `The team could not run: ${(error as Error)?.message ?? error}`;
    await say('manager', 'team', 'decision', `stopping: ${cause}`).catch(() => {});
    outcome = { passed: false, error: cause };
  } finally {
    done = true;
    await disband(deps, members, spec.id);
    await busd.drop({ context }).catch(() => {});
    await reading?.catch(() => {});
    // ended last, so that a watcher sees every role's end before the team's
    deps.end(spec.id, outcome.passed, { verdict: outcome.verdict, error: outcome.error });
  }
}

async function oneRound(
  deps: TeamDeps,
  spec: TeamSpec,
  members: Map<Role, Member>,
  context: string,
  round: number,
): Promise<{ pass: boolean; summary: string }> {
  let verdict = { pass: false, summary: 'no verdict' };
  for (const role of ROLES) {
    const member = members.get(role)!;
    const step: Step = {
      step: STEP_OF[role],
      team: spec.id,
      goal: spec.goal,
      context,
      round,
      factsMax: L.FACTS_MAX,
    };
    const { reply, how } = await ask(deps, spec, member, step);
    await deps.say(spec.id, {
      from: role,
      to: 'manager',
      kind: reply.ok ? 'reply' : 'refusal',
      text: reply.text,
      ...(reply.data === undefined ? {} : { data: reply.data }),
    });
    if (!reply.ok) throw new TeamStop(`The ${role} could not ${step.step} (asked ${how}): ${reply.text}`);
    if (role === 'validator') {
      const v = reply.data as { pass?: boolean; summary?: string } | undefined;
      verdict = { pass: v?.pass === true, summary: v?.summary ?? reply.text };
      await deps.say(spec.id, {
        from: 'validator',
        to: 'team',
        kind: 'verdict',
        text: verdict.summary,
        data: v,
      });
    }
  }
  return verdict;
}

/**
 * Asks a role to do its step: by meaning through semantic-ipcd for the roles that registered an
 * intent, else a call on its channel; bounded by the step's time and by the role's end.
 */
async function ask(
  deps: TeamDeps,
  spec: TeamSpec,
  member: Member,
  step: Step,
): Promise<{ reply: StepReply; how: string }> {
  const { os } = deps;
  const words = MEANING[member.role];
  const via = words ? 'semantic-ipcd' : 'kernel IPC';
  await deps.say(spec.id, {
    from: 'manager',
    to: member.role,
    kind: 'message',
    text: `${step.step} (round ${step.round}) via ${via}`,
  });
  const ended = endOf(os, member, spec.stepTimeoutMs).then((how) => {
    throw new TeamStop(
      how === undefined
        ? `The ${member.role} did not answer within ${spec.stepTimeoutMs} ms; it was ended`
        : `The ${member.role} ended while it worked: ${how}`,
    );
  });
  const asked = words
    ? byMeaning(deps, spec, member, words, step)
    : byChannel(os, member, step, spec.stepTimeoutMs);
  try {
    return await Promise.race([asked, ended]);
  } catch (error) {
    if (error instanceof TeamStop) throw error;
    const e = error as { code?: string; message?: string };
    if (e.code === 'E_TIMED_OUT' && words)
      throw new TeamStop(`The ${member.role} did not answer through semantic-ipcd in time: ${e.message}`);
    if (e.code === 'E_PEER_CLOSED' || e.code === 'E_TIMED_OUT') {
      // the race's other side says why, once the agent is gone or its time is up
      const how = await endOf(os, member, 2000);
      throw new TeamStop(
        how === undefined
          ? `The ${member.role} did not answer within ${spec.stepTimeoutMs} ms; it was ended`
          : `The ${member.role} ended while it worked: ${how}`,
      );
    }
    throw new TeamStop(`Asking the ${member.role} failed: ${e.message ?? String(error)}`);
  } finally {
    ended.catch(() => {});
  }
}

async function byChannel(
  os: Os,
  member: Member,
  step: Step,
  timeoutMs: number,
): Promise<{ reply: StepReply; how: string }> {
  const m = await os.ipc.call(member.channel, step, { timeoutMs });
  return { reply: m.json<StepReply>(), how: `by kernel IPC to pid ${member.pid}` };
}

/**
 * Routes `words` by meaning and sends the step that way when it reaches this team's role; else by
 * the role's exact intent name, and only when that name is registered (an unregistered name would
 * be routed by meaning to whoever fits, outside the team); else on the role's channel.
 */
async function byMeaning(
  deps: TeamDeps,
  spec: TeamSpec,
  member: Member,
  words: string,
  step: Step,
): Promise<{ reply: StepReply; how: string }> {
  const intent = deps.os.services.client<SemanticIpcd>('semantic-ipcd');
  const own = `${spec.id}.${member.role}`;
  const channel = async (why: string) => {
    await deps.say(spec.id, {
      from: 'manager',
      to: member.role,
      kind: 'route',
      text: `${why}; asking on its channel`,
    });
    return byChannel(deps.os, member, step, spec.stepTimeoutMs);
  };
  const routed = await intent.route({ intent: words, tags: [spec.id] }).catch(() => undefined);
  let chosen = words;
  let how = `by meaning ('${words}' -> ${own}, score ${routed?.score.toFixed(2)})`;
  if (routed?.intent !== own) {
    const exact = await intent.route({ intent: own }).catch(() => undefined);
    if (exact?.how !== 'exact') return channel(`no intent ${own} is registered`);
    chosen = own;
    how = `by name (meaning chose ${routed ? `'${routed.intent}'` : 'nobody'})`;
  }
  await deps.say(spec.id, { from: 'manager', to: member.role, kind: 'route', text: `reached ${how}` });
  const sent = await intent.send({ intent: chosen, tags: [spec.id], payload: step });
  if (sent.intent !== own) return channel(`'${words}' went to ${sent.intent} instead`);
  return { reply: sent.reply as StepReply, how };
}

/** Waits for a role's `ready`; a role that ends or stays silent fails the team with the cause. */
async function ready(os: Os, member: Member): Promise<void> {
  try {
    const m = await os.ipc.recv(member.channel, { timeoutMs: L.START_TIMEOUT_MS });
    const said = m.json<{ ready?: string }>();
    if (said.ready !== member.role)
      throw new TeamStop(`The ${member.role} said something other than ready at its start`);
  } catch (error) {
    if (error instanceof TeamStop) throw error;
    const how = await endOf(os, member, 2000);
    throw new TeamStop(
      how === undefined
        ? `The ${member.role} did not say ready within ${L.START_TIMEOUT_MS} ms`
        : `The ${member.role} ended before it was ready: ${how}`,
    );
  }
}

/** Tells each role to stop, and ends those that do not within a moment. */
async function disband(deps: TeamDeps, members: Map<Role, Member>, team: string): Promise<void> {
  const { os } = deps;
  await Promise.all(
    [...members.values()].map(async (m) => {
      const stop: Step = { step: 'stop', team, goal: '', context: '', round: 0, factsMax: 0 };
      await os.ipc.call(m.channel, stop, { timeoutMs: 5000 }).catch(() => {});
      let how = await endOf(os, m, 2000);
      if (how === undefined) {
        await os.kill(m.agent).catch(() => {}); // it did not stop when asked: it hung
        how = `${(await endOf(os, m, 2000)) ?? 'killed'}, after it did not stop when asked`;
      }
      await endRole(os, m);
      await deps
        .say(team, { from: 'manager', to: m.role, kind: 'end', text: `${m.name} ended: ${how}` })
        .catch(() => {});
    }),
  );
}

/** Records what the roles publish on the team's context, as they publish it. */
async function readContext(
  deps: TeamDeps,
  team: string,
  context: string,
  members: Member[],
  stopped: () => boolean,
): Promise<void> {
  const busd = deps.os.services.client<Busd>('busd');
  const roleOf = new Map(members.map((m) => [m.name, m.role]));
  let after = 0;
  while (!stopped()) {
    let read: Awaited<ReturnType<typeof busd.read>>;
    try {
      read = await busd.read({ context, after, waitMs: 1000 });
    } catch {
      return; // dropped at the team's end
    }
    for (const e of read.events) {
      const from = roleOf.get(e.from) ?? e.from;
      await deps.say(team, {
        from,
        to: 'context',
        kind: 'context',
        text: `published ${e.type} on ${context}`,
        data: e.data,
      });
    }
    after = read.next;
  }
}
