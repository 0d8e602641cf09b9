/**
 * `aios team …`: the teams service's operations as derived from its declaration, except that
 * `aios team run GOAL` prints the collaboration as it happens — who said what to whom, the
 * decisions and the verdict — and exits 0 when the team achieved its goal, 1 when it did not.
 * With --json it prints the whole team (as `aios team show --json`) once it has ended.
 *
 * @example
 * // aios team run "find the largest log files in ~/logs and archive the ones older than a week"
 * // aios team run "archive the logs in ~/logs" --rights read      (the executor may only read)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Invoke } from '../../api/invoke.ts';
import { requestOf } from '../../api/routes/services.ts';
import { TEAM_LIMITS } from '../../services/teams/limits.ts';
import { type Entry, ROLES, TEAMS, type TeamView } from '../../services/teams/ops.ts';
import { TEAM_RIGHT_WORDS } from '../../services/teams/rights.ts';
import { CliError, type Command, durationArg, UsageError } from '../command.ts';
import { serviceCommand, withApi } from '../service-command.ts';

const derived = serviceCommand(TEAMS);

const RUN_HELP = `Usage: aios team run GOAL [--rights R] [--role ROLE=FILE] [--step-timeout T] [--json]

Starts a researcher, a planner, an executor and a validator on GOAL and prints what they say.
  --rights R          what the executor may do: ${TEAM_RIGHT_WORDS.join(', ')} (default create)
  --role ROLE=FILE    your own agent file for a role (${ROLES.join(', ')}), with that role's rights
  --step-timeout T    how long one role's step may take (default ${TEAM_LIMITS.STEP_TIMEOUT_DEFAULT_MS / 1000}s)
  --json              print the whole team as JSON once it ends`;

const command: Command = {
  ...derived,
  usage: ['team run GOAL [--rights R] [--json]', 'team <operation> [arguments] [--json]'],
  async run(ctx) {
    const [op, ...rest] = ctx.positionals;
    if (op === 'show' && rest.length === 1 && !rest[0].startsWith('-') && !ctx.json) {
      // the replay, in the words `team run` printed it
      const team = (await withApi(ctx.home, (invoke) => call(invoke, 'show', { id: rest[0] }))) as TeamView;
      ctx.out(
        `team ${team.id} ${team.state}: ${team.goal} (rights ${team.rights}${team.llm ? ', with the LLM' : ''})`,
      );
      for (const r of team.roles) ctx.out(`  ${r.role.padEnd(11)} ${r.name} (pid ${r.pid}): ${r.rights}`);
      for (const e of team.entries) ctx.out(line(e));
      if (team.state !== 'running') ctx.out(`${team.state}: ${team.error ?? team.verdict}`);
      return 0;
    }
    if (op !== 'run') return derived.run(ctx);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        rights: { type: 'string' },
        role: { type: 'string', multiple: true },
        'step-timeout': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: false,
    });
    if (values.help) {
      ctx.out(RUN_HELP);
      return 0;
    }
    const unknown = Object.keys(values).find(
      (k) => !['rights', 'role', 'step-timeout', 'json', 'help'].includes(k),
    );
    if (unknown) throw new UsageError(`unknown option '--${unknown}' for team run`);
    const goal = positionals.join(' ').trim();
    if (goal === '')
      throw new UsageError(
        `the goal is empty; say what the team should achieve, e.g. aios team run "archive the logs older than a week in ~/logs"`,
      );
    const rights = typeof values.rights === 'string' ? values.rights : undefined;
    const words = (rights ?? 'create')
      .split(',')
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w !== '');
    if (words.length === 0) throw new UsageError(`--rights needs one of ${TEAM_RIGHT_WORDS.join(', ')}`);
    for (const word of words) {
      if (!(TEAM_RIGHT_WORDS as string[]).includes(word))
        throw new UsageError(`unknown right '${word}' for --rights; use ${TEAM_RIGHT_WORDS.join(', ')}`);
    }
    const roles: Record<string, string> = {};
    for (const spec of (values.role as string[] | undefined) ?? []) {
      const [role, file] = spec.split('=');
      if (!file || !(ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role takes ROLE=FILE with ROLE one of ${ROLES.join(', ')}, not '${spec}'`);
      roles[role] = resolve(file);
    }
    const stepTimeoutMs = durationArg(values['step-timeout'] as string | undefined, '--step-timeout');
    if (
      stepTimeoutMs !== undefined &&
      (stepTimeoutMs < TEAM_LIMITS.STEP_TIMEOUT_MIN_MS || stepTimeoutMs > TEAM_LIMITS.STEP_TIMEOUT_MAX_MS)
    )
      throw new UsageError(
        `--step-timeout must be between ${TEAM_LIMITS.STEP_TIMEOUT_MIN_MS / 1000}s and ${TEAM_LIMITS.STEP_TIMEOUT_MAX_MS / 1000}s`,
      );
    const args = {
      goal,
      ...(rights ? { rights } : {}),
      ...(Object.keys(roles).length > 0 ? { roles } : {}),
      ...(stepTimeoutMs ? { stepTimeoutMs } : {}),
    };
    const json = values.json === true || ctx.json;
    const team = await withApi(ctx.home, (invoke) =>
      follow(invoke, args, json ? () => {} : (e) => ctx.out(line(e))),
    );
    if (json) ctx.out(JSON.stringify(team));
    else
      ctx.out(
        team.state === 'passed'
          ? `team ${team.id} passed: ${team.verdict}`
          : `team ${team.id} failed: ${team.error ?? team.verdict}`,
      );
    if (team.state !== 'passed') {
      if (!json) ctx.err(`aios team: ${team.error ?? team.verdict ?? 'the team did not achieve its goal'}`);
      return 1;
    }
    return 0;
  },
};

/** Starts the team and hands each transcript entry to `print` as it comes, until the team ends. */
async function follow(
  invoke: Invoke,
  args: Record<string, unknown>,
  print: (e: Entry) => void,
): Promise<TeamView> {
  const started = (await call(invoke, 'run', args)) as TeamView;
  let after = 0;
  for (;;) {
    const w = (await call(invoke, 'watch', { id: started.id, after, waitMs: 10_000 })) as {
      state: string;
      entries: Entry[];
      next: number;
    };
    for (const e of w.entries) print(e);
    after = w.next;
    if (w.state !== 'running' && w.entries.length === 0) break;
  }
  return (await call(invoke, 'show', { id: started.id })) as TeamView;
}

async function call(invoke: Invoke, op: string, args: Record<string, unknown>): Promise<unknown> {
  const { status, body } = await invoke(...requestOf(TEAMS, op, args));
  if (status < 400) return body;
  const detail = (body as { detail?: string } | undefined)?.detail ?? `the API answered ${status}`;
  if (status === 400) throw new UsageError(detail);
  throw new CliError(detail);
}

/** One transcript entry as a line: `researcher -> manager  found 5 .log files …`. */
export function line(e: Entry): string {
  return `${`${e.from} -> ${e.to}`.padEnd(26)} ${e.kind.padEnd(9)} ${e.text}`;
}

export default command;
