/**
 * `aios NOUN OP …` for every system service, derived from its declaration: the operation's
 * arguments from its command line (service-args.ts), the call through the HTTP API's derived
 * route — on the running system's socket, or an embedded system when none runs — and the result
 * as a table or `key: value` lines (result-view.ts), or exactly as the API returns it with --json.
 *
 * @example
 * // aios memory put "Dana handles the annual audit"
 * // aios memory search "who looks after the yearly audit" --json
 */
import type { Invoke } from '../api/invoke.ts';
import { requestOf } from '../api/routes/services.ts';
import type { ServiceDecl } from '../services/declare.ts';
import { CliError, type Command, UsageError } from './command.ts';
import { isUp } from './connect.ts';
import { viewResult } from './result-view.ts';
import { OpUsageError, opArgs, opHelp, serviceHelp } from './service-args.ts';

/** Runs fn with the API as the owner (withApi; a test gives a system it booted itself). */
export type ApiAccess = <T>(home: string, fn: (invoke: Invoke) => Promise<T>) => Promise<T>;

export function serviceCommand(decl: ServiceDecl, access: ApiAccess = withApi): Command {
  return {
    name: decl.noun,
    summary: decl.summary,
    usage: [`${decl.noun} <operation> [arguments] [--json]`],
    help: serviceHelp(decl),
    ownArgs: true,
    async run(ctx) {
      const [name, ...rest] = ctx.positionals;
      if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        ctx.out(serviceHelp(decl));
        return name === undefined ? 2 : 0;
      }
      if (name.startsWith('-')) {
        const ops = Object.keys(decl.ops).join(', ');
        throw new UsageError(`the operation comes first, before '${name}'; ${decl.noun} takes ${ops}`);
      }
      if (!Object.hasOwn(decl.ops, name)) {
        const ops = await closestFirst(name, Object.keys(decl.ops));
        throw new UsageError(`unknown operation '${name}'; ${decl.noun} takes ${ops.join(', ')}`);
      }
      const watch = decl.ops[name].cli?.watch === true && rest.includes('--watch');
      const parsed = opArgs(
        decl,
        name,
        rest.filter((word) => !watch || word !== '--watch'),
      );
      if (parsed.help) {
        ctx.out(opHelp(decl, name));
        return 0;
      }
      if (watch) {
        const { watchJobs } = await import('./watch.ts');
        return access(ctx.home, (invoke) =>
          watchJobs(() => callOp(invoke(...requestOf(decl, name, parsed.args)), decl, name), {
            json: parsed.json,
            tty: process.stdout.isTTY === true,
            write: (text) => process.stdout.write(text),
          }),
        );
      }
      const result = await callOp(
        access(ctx.home, (invoke) => invoke(...requestOf(decl, name, parsed.args))),
        decl,
        name,
      );
      if (parsed.json) ctx.out(JSON.stringify(result));
      else for (const line of viewResult(result)) ctx.out(line);
      return 0;
    },
  };
}

/** Operation names, the ones nearest to what was typed first. */
async function closestFirst(typed: string, names: string[]): Promise<string[]> {
  const { distance } = await import('../intel/offline/typos.ts');
  const limit = 64;
  return names
    .map((n) => ({ n, d: n.startsWith(typed) ? 0 : distance(typed, n, limit) }))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .map((x) => x.n);
}

/** The answer of a call; a refusal becomes one line (exit 2 when the input was at fault). */
async function callOp(
  reply: Promise<{ status: number; body: unknown }>,
  decl: ServiceDecl,
  name: string,
): Promise<unknown> {
  const { status, body: answer } = await reply;
  if (status < 400) return answer;
  const p = answer as { detail?: string; code?: string } | undefined;
  const detail = p?.detail ?? `the API answered ${status}`;
  if (status === 400) throw new OpUsageError(detail, `see 'aios ${decl.noun} ${name} --help'`);
  throw new CliError(detail);
}

/** The API as the owner: the running system's socket, or an embedded system for this one call. */
export async function withApi<T>(home: string, fn: (invoke: Invoke) => Promise<T>): Promise<T> {
  const { invokeVia } = await import('../api/invoke.ts');
  if (isUp(home)) {
    const [{ send }, { socketPath }] = await Promise.all([
      import('../api/client.ts'),
      import('../platform/paths.ts'),
    ]);
    const socket = socketPath(home);
    return fn(
      invokeVia(async (path, init) => {
        const headers = init.headers as Record<string, string>;
        const { status, text } = await send(socket, init.method ?? 'GET', path, headers, init.body as string);
        return new Response(text === '' ? null : text, { status });
      }),
    );
  }
  const [{ boot }, { createApp }] = await Promise.all([import('../boot.ts'), import('../api/app.ts')]);
  const system = await boot({ home, logLevel: 'warn' });
  try {
    await system.startServices(); // the app's service routes are those that run
    const app = createApp(system, { owner: true });
    return await fn(invokeVia((path, init) => app.request(path, init)));
  } finally {
    await system.shutdown();
  }
}
