/**
 * The planner's agent: the entry the services tree starts on a thread of its own (builtin
 * runtime, `thread: worker`). It opens `$AIOS_HOME/planner.db` (the home comes in its `home`
 * label), resumes every run that had not ended when the system stopped, and serves the
 * planner's operations until the system stops.
 *
 * Tool actions run in this thread, authorised one by one by the kernel (tool_invoke, which
 * audits them) and bounded by the submitter's rights (planner.ts). Relative paths start at the
 * run's cwd; the roots a run may touch are HOME (and its cwd when the owner submitted it), or the
 * narrower `roots` its plan names (rights.ts), never aios's own state.
 *
 * AIOS_PLANNER_CRASH_AT names a point (`before-effect:NODE`, `after-effect:NODE`,
 * `committed:NODE`) where the whole process is killed with SIGKILL: the crash tests' way to stop
 * the system exactly at a node boundary.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runProgram } from '../../platform/exec.ts';
import type { Os } from '../../sdk/os.ts';
import { findAction } from '../../tools/registry.ts';
import { Roots } from '../../tools/roots.ts';
import { serve } from '../serve.ts';
import { Planner } from './planner.ts';
import { rootsOfRun } from './rights.ts';
import { plannerService } from './service.ts';
import { PlanStore } from './store.ts';

export default async function planner(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("planner needs its 'home' label: the AIOS_HOME its database lives in");
  const home = labels.home;
  const userHome = homedir();
  const store = new PlanStore(join(home, 'planner.db'));
  const tool = os.handles.tool;
  const invoke = (tool_: string, action: string, risk: number, target: string) =>
    os.sys('tool_invoke', { handle: tool, tool: tool_, action, risk, target: target.slice(0, 4096) });
  const crashAt = process.env.AIOS_PLANNER_CRASH_AT;
  const engine = new Planner({
    store,
    userHome,
    findAction,
    toolContext: (run, journal, signal) => {
      const cwd = run.cwd ?? userHome;
      return {
        cwd,
        home: userHome,
        paths: new Roots({ cwd, home: userHome, roots: rootsOfRun(run, store, userHome), forbidden: [home] }),
        journal,
        signal,
        exec: (command, args, options) => runProgram(command, args, { cwd, signal, ...options }),
        now: () => Date.now(),
      };
    },
    keptDir: (run, node) => join(home, 'planner', 'kept', run.id, node),
    authorise: async (_run, _node, name, risk, target) => {
      const [t, a] = name.split('.');
      await invoke(t, a, risk, target);
    },
    audit: async (run, event, node, detail) => {
      await invoke(
        'planner',
        event,
        0,
        `run ${run.id} node ${node} by ${run.submitter}${detail ? `: ${detail}` : ''}`,
      );
    },
    llm: async (_run, _node, args) => {
      const prompt = typeof args.prompt === 'string' ? args.prompt : JSON.stringify(args.prompt);
      return os.llm.generate({
        prompt,
        ...(typeof args.system === 'string' ? { system: args.system } : {}),
        ...(typeof args.maxTokens === 'number' ? { maxTokens: args.maxTokens } : {}),
      });
    },
    agent: async (run, _node, args) =>
      os.services.call('semantic-ipcd', 'send', {
        intent: String(args.intent),
        payload: { payload: args.payload ?? null, plan: run.id, onBehalfOf: run.submitter },
      }),
    crashPoint: (point) => {
      if (crashAt === point) process.kill(process.pid, 'SIGKILL');
    },
    sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => {}),
    log: (message) => void os.log(`planner: ${message}`),
  });
  const resumed = engine.resumeAll();
  if (resumed.length > 0) void os.log(`planner: resumed ${resumed.length} run(s): ${resumed.join(', ')}`);
  try {
    await serve(os, plannerService(engine, { log: (m) => void os.log(`planner: ${m}`) }));
  } finally {
    store.close();
  }
}
