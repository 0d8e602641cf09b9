/**
 * aios supervise: start, list and stop supervision trees, and talk to supervised workers.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ChildStatus, TreeStatus } from '../../services/supervisor/protocol.ts';
import { CliError, type Command, durationArg, need, UsageError } from '../command.ts';
import { api, isUp } from '../connect.ts';
import { table } from '../format.ts';

const supervise: Command = {
  name: 'supervise',
  summary: 'Start, list and stop supervision trees',
  usage: [
    'supervise SPEC.json',
    'supervise ls',
    'supervise stop NAME',
    'supervise call PATH [JSON] [--timeout T]',
  ],
  help: `  SPEC.json        start the tree it describes; children start in order (see docs/supervision.md)
  ls               trees and children: pids, standbys, restart counts, last exits
  stop NAME        stop a tree, its children in reverse order, and forget its checkpoints
  call PATH JSON   send JSON to the supervised worker at PATH (tree/child) and print its reply

Options:
  --timeout T      how long call waits for the reply (default 5s)

Example SPEC.json:
  { "name": "web", "strategy": "one_for_all", "intensity": 3, "period": 5,
    "children": [ { "id": "db", "file": "db.ts", "restart": "permanent", "critical": true },
                  { "id": "api", "file": "api.ts", "connect": ["db"] } ] }`,
  options: { timeout: { type: 'string' } },
  maxPositionals: 3,
  async run(ctx) {
    const verb = need(ctx, 0, 'SPEC.json, ls, stop or call');
    if (!['ls', 'stop', 'call'].includes(verb) && ctx.positionals.length > 1) {
      throw new UsageError(`unexpected argument '${ctx.positionals[1]}'`);
    }
    const spec = ['ls', 'stop', 'call'].includes(verb) ? undefined : readSpec(verb);
    const timeoutMs = durationArg(ctx.values.timeout, '--timeout');
    let body: unknown;
    if (verb === 'call') {
      const text = ctx.positionals[2] ?? 'null';
      try {
        body = JSON.parse(text);
      } catch {
        throw new UsageError(`JSON must be valid JSON, not '${text.slice(0, 40)}'`);
      }
    }
    if (!isUp(ctx.home)) throw new CliError('aios is not running; start it with `aios up`');
    if (verb === 'ls') return list(ctx, await api<TreeStatus>(ctx.home, 'GET', '/v1/supervisor'));
    if (verb === 'stop') {
      const name = need(ctx, 1, 'NAME (the tree to stop)');
      await api(ctx.home, 'DELETE', `/v1/supervisor/trees/${encodeURIComponent(name)}`);
      ctx.out(ctx.json ? JSON.stringify({ ok: true, stopped: name }) : `stopped ${name}`);
      return 0;
    }
    if (verb === 'call') {
      const path = need(ctx, 1, 'PATH (tree/child)');
      const r = await api<{ reply: unknown }>(ctx.home, 'POST', '/v1/supervisor/call', {
        path,
        body,
        timeoutMs,
      });
      ctx.out(ctx.json || typeof r.reply !== 'string' ? JSON.stringify(r.reply) : r.reply);
      return 0;
    }
    const started = await api<ChildStatus>(ctx.home, 'POST', '/v1/supervisor/trees', spec);
    if (ctx.json) ctx.out(JSON.stringify(started));
    else {
      const kids = (started.children ?? []).map((c) => `${c.id} ${c.pid ?? '-'}`).join(', ');
      ctx.out(`supervising ${started.id} (pid ${started.pid}): ${kids}`);
    }
    return 0;
  },
};

/** Reads SPEC.json, making its files absolute (relative to the spec's directory). */
function readSpec(path: string): unknown {
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read the spec '${path}': ${why}`);
  }
  const base = dirname(resolve(path));
  const fix = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { file?: unknown; children?: unknown };
    if (typeof n.file === 'string' && !isAbsolute(n.file)) n.file = resolve(base, n.file);
    if (Array.isArray(n.children)) n.children.forEach(fix);
  };
  fix(spec);
  return spec;
}

function list(ctx: Parameters<Command['run']>[0], status: TreeStatus): number {
  if (ctx.json) {
    ctx.out(JSON.stringify(status));
    return 0;
  }
  const rows: (string | number)[][] = [];
  const walk = (children: ChildStatus[], prefix: string) => {
    for (const c of children) {
      const exit = c.lastExit
        ? `${c.lastExit.reason} ${c.lastExit.code}${c.lastExit.message ? `: ${c.lastExit.message}` : ''}`
        : '';
      rows.push([
        `${prefix}${c.id}`,
        c.kind === 'supervisor' ? `${c.kind} (${c.strategy})` : c.kind,
        c.restart,
        c.state,
        c.pid ?? '-',
        c.standbyPid ?? '-',
        c.restarts,
        exit.length > 60 ? `${exit.slice(0, 57)}...` : exit,
      ]);
      if (c.children) walk(c.children, `${prefix}${c.id}/`);
    }
  };
  walk(status.children, '');
  if (rows.length === 0) {
    ctx.out(
      'no supervision trees; start one with `aios supervise SPEC.json` or `aios spawn FILE --restart permanent`',
    );
    return 0;
  }
  for (const line of table(
    ['TREE/CHILD', 'KIND', 'RESTART', 'STATE', 'PID', 'STANDBY', 'RESTARTS', 'LAST EXIT'],
    rows,
  )) {
    ctx.out(line);
  }
  return 0;
}

export default supervise;
