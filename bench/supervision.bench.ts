/**
 * Supervision: from a crash being detected (the kernel records the agent's exit) to its
 * replacement answering an IPC request, for a cold restart (a new agent is spawned) and for
 * a critical child's warm standby taking over. The baseline, in the same run, is the same
 * request answered by a live agent. The client holds the child's service endpoint, which
 * outlives the crash: its request waits in the queue and the replacement answers it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type System } from '../src/boot.ts';
import { createOs, type Os } from '../src/sdk/os.ts';
import { resolveTree } from '../src/services/supervisor/spec.ts';
import { core } from '../test/helpers/internals.ts';
import { fmt, mdTable, median, percentile, type Section, verdict } from './lib.ts';

const CRASHES = 60;
const WARMUP_MS = 20;

/** With WARMUP_MS, the agent first prepares itself (as loading a model or an index would) for that long. */
const echo = (warmupMs: number) => `
export default async function (os) {
  if (${warmupMs} > 0) await os.sleep(${warmupMs});
  const state = (await os.checkpoint.load()) ?? { served: 0 };
  for (;;) {
    const m = await os.ipc.recv(os.handles.service);
    if (m.json().crash) throw new Error('crash');
    state.served++;
    await os.ipc.reply(os.handles.service, m, state);
  }
}
`;

interface Setup {
  system: System;
  os: Os;
  /** Kernel-clock time of each agent exit, by pid. */
  exits: Map<number, number>;
}

async function measure(
  s: Setup,
  tree: string,
  file: string,
  critical: boolean,
): Promise<{ restart: number[]; call: number[] }> {
  const sup = s.system.supervisor!;
  await sup.start(
    resolveTree(
      { name: tree, intensity: 1_000_000, period: 1, children: [{ id: 'echo', file, critical }] },
      { baseDir: s.system.home, hasRuntime: () => true },
    ),
  );
  const handle = await sup.connect([tree, 'echo']);
  const ready = async () => {
    for (let i = 0; i < 500; i++) {
      const echo = (await sup.status()).children
        .find((c) => c.id === tree)
        ?.children?.find((c) => c.id === 'echo');
      const standby = echo?.standbyPid ? core(s.system).processes.get(echo.standbyPid) : undefined;
      if (echo?.pid && (!critical || standby?.state === 'blocked')) return echo.pid;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('the child did not come back');
  };
  const restart: number[] = [];
  const call: number[] = [];
  for (let i = 0; i < CRASHES; i++) {
    const pid = await ready();
    const t = performance.now();
    await s.os.ipc.call(handle, { ping: true });
    call.push(performance.now() - t);
    await s.os.ipc.trySend(handle, { crash: true });
    await s.os.ipc.call(handle, { ping: true }, { timeoutMs: 5000 });
    const answered = core(s.system).ports.now();
    restart.push(answered - s.exits.get(pid)!);
  }
  await s.os.handle.close(handle);
  return { restart, call };
}

export default async function (): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-sup-'));
  const system = await boot({ home: dir, services: true, logLevel: 'warn' });
  try {
    writeFileSync(join(dir, 'echo.js'), echo(0));
    writeFileSync(join(dir, 'slow.js'), echo(WARMUP_MS));
    const exits = new Map<number, number>();
    system.kernel.events.on('lifecycle', (type, agent) => {
      if (type === 'exit') exits.set(agent.pid, core(system).ports.now());
    });
    const os = createOs(system.host.portFor(core(system).processes.required(1)));
    const s = { system, os, exits };
    const cold = await measure(s, 'cold', 'echo.js', false);
    const warm = await measure(s, 'warm', 'echo.js', true);
    const slowCold = await measure(s, 'slow-cold', 'slow.js', false);
    const slowWarm = await measure(s, 'slow-warm', 'slow.js', true);
    const verdicts = {
      cold: median(cold.restart) <= 50,
      standby: median(warm.restart) <= 10,
      standbyWithWarmup: median(slowWarm.restart) <= 10,
    };
    const row = (what: string, xs: number[], target: string, ok?: boolean) => [
      what,
      `${fmt(median(xs), 2)} ms`,
      `${fmt(percentile(xs, 95), 2)} ms`,
      target,
      ok === undefined ? '—' : verdict(ok),
    ];
    const body = `${mdTable(
      ['measure', 'p50', 'p95', 'target', 'verdict'],
      [
        row('crash detected → new agent answers (cold restart)', cold.restart, '≤ 50 ms', verdicts.cold),
        row(
          'crash detected → warm standby answers (critical child)',
          warm.restart,
          '≤ 10 ms',
          verdicts.standby,
        ),
        row(`same, agent with ${WARMUP_MS} ms of start-up work, cold restart`, slowCold.restart, '—'),
        row(
          `same, agent with ${WARMUP_MS} ms of start-up work, warm standby`,
          slowWarm.restart,
          '≤ 10 ms',
          verdicts.standbyWithWarmup,
        ),
        row('baseline: the same request to a live agent', [...cold.call, ...warm.call], '—'),
      ],
    )}

${CRASHES} crashes each, one at a time, on the built-in runtime, with \`aios up\`'s services (root
supervisor → tree supervisor → worker). A crash is a request the worker answers by throwing; "detected"
is the kernel recording its exit, "answers" is the reply to a request the client sent right after the
crash (it waits on the worker's endpoint, which the supervisor keeps open). A cold restart spawns
the agent again; a critical child's standby, already started and parked in \`os.checkpoint.load()\`,
is handed the endpoint and reads the latest checkpoint. The start-up rows use an agent that spends
${WARMUP_MS} ms getting ready (awaited, as loading a model or an index would be) before it loads its
checkpoint: a cold restart pays that on every crash, a standby paid it in advance. On the isolating
runtimes a cold restart also pays for creating the isolate; a standby does not.`;
    return { title: 'Supervision: crash to replacement answering', body, verdicts };
  } finally {
    await system.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
