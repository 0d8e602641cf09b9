/**
 * Entry of a process-tier agent: a child Node process started under the permission model
 * (see process-runtime.ts). It imports the agent module, gives it the same SDK over the IPC
 * channel to its parent, and reports how it ended.
 */
import { pathToFileURL } from 'node:url';
import { createOs } from '../sdk/os.ts';
import type { AgentPort, Wait } from '../sdk/port.ts';
import { OP } from './op.ts';

interface Answer {
  req: number;
  v?: unknown;
  e?: string;
  m?: string;
}

const [file, pidText, handlesJson] = process.argv.slice(2);
const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
let nextReq = 1;

process.on('message', (answer: Answer) => {
  const p = pending.get(answer.req);
  if (!p) return;
  pending.delete(answer.req);
  if (answer.e !== undefined) p.reject({ code: answer.e, message: answer.m });
  else p.resolve(answer.v);
});

function send(op: number, name: string, args: unknown, timeoutMs?: number): Promise<unknown> {
  const req = nextReq++;
  return new Promise((resolve, reject) => {
    pending.set(req, { resolve, reject });
    process.send!({ req, op, name, args, timeoutMs });
  });
}

const port: AgentPort = {
  pid: Number(pidText),
  handles: JSON.parse(handlesJson) as Record<string, number>,
  sys: (name, args) => send(OP.SYS, name, args),
  block: (name, args, _wait, timeoutMs) => send(OP.BLOCK, name, args, timeoutMs),
  call: (args) => send(OP.CALL, 'channel_call', args),
  wait: async (wait: Wait, timeoutMs) => {
    await send(OP.WAIT, 'wait', wait, timeoutMs);
  },
  service: (name, payload) => send(OP.SERVICE, name, { payload }),
};

function finish(report: Record<string, unknown>): void {
  process.send!({ exit: report }, () => process.exit(0));
}

// What Node holds before the agent's code runs: the parent bounds the growth past it.
process.send!({ baseline: process.memoryUsage.rss() });
try {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof module.default !== 'function') {
    throw new Error('The agent has no default export function; export default async function (os) { … }');
  }
  const value = await (module.default as (os: unknown) => unknown)(createOs(port));
  finish({ ok: true, result: value === undefined ? undefined : JSON.stringify(value) });
} catch (error) {
  const e = error as { code?: unknown; message?: unknown };
  finish({
    ok: false,
    code: typeof e?.code === 'string' ? e.code : undefined,
    message: String(e?.message ?? error),
  });
}
