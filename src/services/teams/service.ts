/**
 * The teams service: its operations (ops.ts) over the store (store.ts) and the manager
 * (manager.ts). `run` checks the goal and the rights, records the team and starts its manager;
 * the transcript is written as the team works, each entry kept, audited (a `tool_invoke` of
 * `teams` at risk 0: who said what to whom) and handed to whoever watches. A team is seen by its
 * submitter and the owner only.
 *
 * @example
 * await serve(os, teamsService({ os, store, llm: false }));
 */
import { randomBytes } from 'node:crypto';
import { RIGHTS } from '../../kernel/rights.ts';
import { RISK } from '../../kernel/risk.ts';
import { AiosError } from '../../sdk/errors.ts';
import type { Os } from '../../sdk/os.ts';
import type { ServiceCaller, ServiceImpl } from '../serve.ts';
import { TeamError } from './errors.ts';
import { TEAM_LIMITS as L } from './limits.ts';
import { runTeam } from './manager.ts';
import { ROLES, type Role, TEAMS, type TeamsDecl, type TeamView } from './ops.ts';
import { rightWord, teamRisk } from './rights.ts';
import type { TeamStore } from './store.ts';

export interface TeamsOptions {
  os: Os;
  store: TeamStore;
  /** Whether an LLM is configured here: roles then reason with it (when the caller holds one). */
  llm: boolean;
  log?(message: string): void;
}

export function teamsService(options: TeamsOptions): ServiceImpl<TeamsDecl> {
  const { os, store } = options;
  /** Callbacks waiting for news of a team (watch, run --wait). */
  const watchers = new Map<string, Set<() => void>>();
  const notify = (id: string) => {
    for (const wake of watchers.get(id) ?? []) wake();
  };
  const news = (id: string, waitMs: number) =>
    new Promise<void>((resolve) => {
      const set = watchers.get(id) ?? new Set<() => void>();
      watchers.set(id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) watchers.delete(id);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      set.add(done);
    });

  const visible = (id: string, caller: ServiceCaller) => {
    const team = store.get(id);
    if (team === undefined || (!caller.owner && team.submitter !== caller.name))
      throw new TeamError('E_NOT_FOUND', `No team '${id}' of yours; 'aios team ls' lists your teams`);
    return team;
  };
  const show = (id: string, caller: ServiceCaller): TeamView => {
    const { owner: _owner, ...team } = visible(id, caller);
    return { ...team, entries: store.entries(id) };
  };
  const until = async (id: string, waitMs: number) => {
    const deadline = Date.now() + waitMs;
    while (store.get(id)?.state === 'running' && Date.now() < deadline) await news(id, deadline - Date.now());
  };

  const say: Parameters<typeof runTeam>[0]['say'] = async (team, entry) => {
    const at = Date.now();
    const seq = store.say(team, { ...entry, at });
    notify(team);
    await os.sys('tool_invoke', {
      handle: os.handles.tool,
      tool: 'teams',
      action: entry.kind,
      risk: RISK.READ_ONLY,
      target: `team ${team} #${seq} ${entry.from} -> ${entry.to}: ${entry.text}`.slice(0, 4096),
    });
  };

  return {
    decl: TEAMS,
    log: options.log,
    authorize(caller, op, _access, args) {
      if (op === 'run' && args.roles !== undefined && !caller.owner)
        throw new AiosError(
          'E_NO_RIGHTS',
          'Only the owner may give a team role agents of its own; leave out roles',
        );
    },
    audit(caller, op, args, result) {
      const id = (result as { id?: string } | undefined)?.id ?? String(args.id ?? '');
      return `team=${id} op=${op} by ${caller.name} (pid ${caller.pid})`;
    },
    error: (error) => (error instanceof TeamError ? new AiosError(error.code, error.message) : undefined),
    handlers: {
      run: async (args, caller) => {
        const goal = args.goal.trim();
        if (goal === '')
          throw new TeamError('E_BAD_ARG', 'The goal is empty; say what the team should achieve, in words');
        const risk = teamRisk(args.rights, caller);
        const files = roleFiles(args.roles);
        if (store.running(caller.name) >= L.RUNNING_PER_CALLER_MAX)
          throw new TeamError(
            'E_QUOTA',
            `'${caller.name}' has ${L.RUNNING_PER_CALLER_MAX} teams running; wait for one to end`,
          );
        const id = `t${randomBytes(4).toString('hex')}`;
        const llm = options.llm && (caller.owner || ((caller.resources?.llm ?? 0) & RIGHTS.USE) !== 0);
        store.create({
          id,
          goal,
          submitter: caller.name,
          owner: caller.owner,
          rights: rightWord(risk),
          llm,
          createdAt: Date.now(),
        });
        await say(id, {
          from: caller.name,
          to: 'manager',
          kind: 'goal',
          text: `${goal} (rights: ${rightWord(risk)}${llm ? ', with the LLM' : ', offline rules'})`,
        });
        void runTeam(
          {
            os,
            now: () => Date.now(),
            say,
            setRoles: (team, members) =>
              store.setRoles(
                team,
                members.map((m) => ({ role: m.role, name: m.name, pid: m.pid, rights: m.rights })),
              ),
            setRounds: (team, rounds) => store.setRounds(team, rounds),
            end: (team, passed, outcome) => {
              store.end(team, passed ? 'passed' : 'failed', Date.now(), outcome);
              notify(team);
            },
          },
          { id, goal, risk, llm, stepTimeoutMs: args.stepTimeoutMs ?? L.STEP_TIMEOUT_DEFAULT_MS, files },
        ).catch((error: unknown) => options.log?.(`team ${id} failed inside the service: ${String(error)}`));
        if (args.wait) await until(id, L.WAIT_MAX_MS);
        return show(id, caller);
      },
      ls: (args, caller) => ({
        teams: store.list(caller.owner ? undefined : caller.name, args.limit ?? 50).map((t) => ({
          id: t.id,
          state: t.state,
          goal: t.goal,
          verdict: t.verdict ?? t.error ?? '',
          submitter: t.submitter,
          createdAt: t.createdAt,
        })),
      }),
      show: (args, caller) => show(args.id, caller),
      watch: async (args, caller) => {
        visible(args.id, caller);
        const after = args.after ?? 0;
        if (store.entries(args.id, after).length === 0 && store.get(args.id)?.state === 'running')
          await news(args.id, args.waitMs ?? 0);
        const team = store.get(args.id)!;
        const entries = store.entries(args.id, after);
        return {
          state: team.state,
          entries,
          next: entries.at(-1)?.seq ?? after,
          ...(team.verdict ? { verdict: team.verdict } : {}),
          ...(team.error ? { error: team.error } : {}),
        };
      },
    },
  };
}

function roleFiles(roles: Record<string, string> | undefined): Partial<Record<Role, string>> | undefined {
  if (roles === undefined) return undefined;
  for (const role of Object.keys(roles))
    if (!ROLES.includes(role as Role))
      throw new TeamError('E_BAD_ARG', `Unknown role '${role}'; a team has ${ROLES.join(', ')}`);
  return roles as Partial<Record<Role, string>>;
}
