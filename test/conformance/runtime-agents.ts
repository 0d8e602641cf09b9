/**
 * The agents the runtime conformance suite starts, one per role. The JavaScript ones are the
 * same source in every tier that runs JavaScript (isolate, process, builtin): the SDK is the
 * same everywhere, so the same code must behave the same. WebAssembly has its own, in
 * runtime-wasm-agents.ts.
 *
 * Every role talks to the suite through named start handles: `report` (the suite reads what
 * the agent writes there), `peer` (the suite writes, the agent echoes), `line` (a channel
 * between the two agents of a call), `inbox` (granted read-only, for the refusal).
 *
 * @example
 * const agents = javascriptAgents('mjs'); // { result: { name: 'result.mjs', content: '…' }, … }
 */

/** What an agent of the suite does; each tier brings one agent per role. */
export type AgentRole =
  | 'result'
  | 'log'
  | 'throws'
  | 'exit'
  | 'info'
  | 'channel'
  | 'callServer'
  | 'callClient'
  | 'region'
  | 'denied'
  | 'unknown'
  | 'hang'
  | 'spin';

/** A file to write into the agents' folder and start. */
export interface AgentFile {
  name: string;
  content: string | Uint8Array;
}

/** What the agents write and what the suite expects back, shared by every tier's agents. */
export const TEXTS = {
  result: 42,
  logLine: 'conformance: a line for the log',
  thrown: 'conformance: thrown on purpose',
  exitCode: 3,
  exitMessage: 'conformance: ended with code 3',
  echoPrefix: 'echo:',
  ping: 'ping',
  pongPrefix: 'pong:',
  region: 'region bytes',
  regionOffset: 100,
  ready: 'ready',
  unknownCall: 'no_such_call',
} as const;

const T = TEXTS;

/** Agent sources that run unchanged in isolate, process and builtin. */
const JAVASCRIPT: Record<AgentRole, string> = {
  result: `export default async () => ${T.result};`,
  log: `export default async (os) => {
  await os.log(${JSON.stringify(T.logLine)});
  return 0;
};`,
  throws: `export default async () => {
  throw new Error(${JSON.stringify(T.thrown)});
};`,
  exit: `export default async (os) => {
  await os.exit(${T.exitCode}, undefined, ${JSON.stringify(T.exitMessage)});
};`,
  info: `export default async (os) => (await os.info(os.handles.self)).pid;`,
  // What the peer sends comes back through a channel of the agent's own, with a prefix.
  channel: `export default async (os) => {
  const m = await os.ipc.recv(os.handles.peer);
  const [a, b] = await os.ipc.channel();
  await os.ipc.send(a, ${JSON.stringify(T.echoPrefix)} + m.text());
  await os.ipc.send(os.handles.peer, (await os.ipc.recv(b)).bytes);
  return 0;
};`,
  callServer: `export default async (os) => {
  const m = await os.ipc.recv(os.handles.line);
  await os.ipc.reply(os.handles.line, m, ${JSON.stringify(T.pongPrefix)} + m.text());
  return 0;
};`,
  callClient: `export default async (os) => {
  const answer = await os.ipc.call(os.handles.line, ${JSON.stringify(T.ping)});
  await os.ipc.send(os.handles.report, answer.bytes);
  return 0;
};`,
  region: `export default async (os) => {
  const region = await os.mem.alloc(4096);
  await os.mem.write(region, ${T.regionOffset}, new TextEncoder().encode(${JSON.stringify(T.region)}));
  await os.ipc.send(os.handles.report, await os.mem.read(region, ${T.regionOffset}, ${T.region.length}));
  return 0;
};`,
  // The refusal is caught: the agent goes on and reports the code it saw.
  denied: `export default async (os) => {
  try {
    await os.ipc.send(os.handles.inbox, 'not mine to write');
    return 'sent';
  } catch (error) {
    return error.code;
  }
};`,
  unknown: `export default async (os) => {
  try {
    await os.sys(${JSON.stringify(T.unknownCall)});
    return 'answered';
  } catch (error) {
    return error.code;
  }
};`,
  // Waits on a channel of its own that nothing writes to (it keeps both ends, so no E_PEER_CLOSED).
  hang: `export default async (os) => {
  await os.ipc.send(os.handles.report, ${JSON.stringify(T.ready)});
  const [end] = await os.ipc.channel();
  await os.ipc.recv(end);
  return 'woke';
};`,
  // Computes without ever calling out again.
  spin: `export default async (os) => {
  await os.ipc.send(os.handles.report, ${JSON.stringify(T.ready)});
  for (;;) {}
};`,
};

/** The JavaScript agents as files with extension `ext` (`.mjs`: an ES module to Node too). */
export function javascriptAgents(ext = 'mjs'): Record<AgentRole, AgentFile> {
  const files = {} as Record<AgentRole, AgentFile>;
  for (const [role, source] of Object.entries(JAVASCRIPT) as [AgentRole, string][]) {
    files[role] = { name: `${role}.${ext}`, content: `${source}\n` };
  }
  return files;
}
