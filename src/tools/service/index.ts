/**
 * The service tool: systemd services, where systemd runs. status is risk 0; start, stop and
 * restart are risk 2 (confirmed) and record the state before, so undo puts it back (a
 * started service is stopped again, a stopped one started).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { action, type ToolContext, type ToolDef, ToolError } from '../types.ts';

const Unit = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\w@.:-]+$/, 'a service name like nginx or ssh.service');

const Args = z
  .object({
    name: Unit,
    user: z.boolean().default(false).describe('A service of your user session (systemctl --user)'),
  })
  .strict();
type Args = z.infer<typeof Args>;

function ensureSystemd(): void {
  if (!existsSync('/run/systemd/system')) {
    throw new ToolError(
      "systemd is not running on this machine, so there are no services to manage; to see whether a program runs, ask 'is <name> running'",
    );
  }
}

async function systemctl(ctx: ToolContext, a: Args, args: string[]): Promise<string> {
  const r = await ctx.exec('systemctl', [...(a.user ? ['--user'] : []), ...args], { timeoutMs: 60_000 });
  if (r.missing) throw new ToolError('systemctl is not installed here');
  if (r.code !== 0 && args[0] !== 'show') {
    const why = (r.stderr || r.stdout).trim().split('\n')[0];
    throw new ToolError(`systemctl ${args[0]} ${a.name} failed: ${why}`);
  }
  return r.stdout;
}

async function state(ctx: ToolContext, a: Args) {
  const out = await systemctl(ctx, a, [
    'show',
    a.name,
    '--no-pager',
    '--property=LoadState,ActiveState,SubState,Description,MainPID,UnitFileState',
  ]);
  const props: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) props[line.slice(0, i)] = line.slice(i + 1);
  }
  if (props.LoadState === 'not-found') throw new ToolError(`There is no service '${a.name}'`);
  return {
    name: a.name,
    description: props.Description ?? '',
    loaded: props.LoadState ?? 'unknown',
    active: props.ActiveState ?? 'unknown',
    sub: props.SubState ?? '',
    enabled: props.UnitFileState ?? '',
    mainPid: Number(props.MainPID ?? 0),
    running: props.ActiveState === 'active',
  };
}

const status = action<Args>({
  tool: 'service',
  action: 'status',
  summary: 'Whether a service is loaded, active and enabled',
  args: Args,
  risk: 0,
  preview: async (a) => ({ summary: `status of service ${a.name}`, paths: [], bytes: 0 }),
  run: async (a, ctx) => {
    ensureSystemd();
    return state(ctx, a);
  },
});

function change(verb: 'start' | 'stop' | 'restart') {
  return action<Args>({
    tool: 'service',
    action: verb,
    summary: `${verb[0].toUpperCase()}${verb.slice(1)} a service${verb === 'restart' ? '' : ' (undo does the opposite)'}`,
    args: Args,
    risk: 2,
    preview: async (a) => {
      ensureSystemd();
      return {
        summary: `${verb} service ${a.name}`,
        target: `service:${a.name}`,
        paths: [],
        bytes: 0,
        ...(verb === 'restart'
          ? { irreversible: 'a restart cannot be taken back; the service keeps running' }
          : {}),
      };
    },
    run: async (a, ctx) => {
      ensureSystemd();
      const before = await state(ctx, a);
      await systemctl(ctx, a, [verb, a.name]);
      const after = await state(ctx, a);
      if (verb !== 'restart' && before.running !== after.running) {
        ctx.journal?.tool('service', before.running ? 'start' : 'stop', { name: a.name, user: a.user });
      }
      return { ...after, before: before.active };
    },
  });
}

export const serviceTool: ToolDef = {
  name: 'service',
  summary: 'System services (systemd)',
  actions: [status, change('start'), change('stop'), change('restart')],
  async undo(op, data, ctx) {
    ensureSystemd();
    const a = { name: String(data.name), user: data.user === true };
    if (op !== 'start' && op !== 'stop') throw new ToolError(`Unknown service undo '${op}'`);
    await systemctl(ctx, a, [op, a.name]);
    return `service ${a.name}: ${op === 'start' ? 'started' : 'stopped'} again`;
  },
};
