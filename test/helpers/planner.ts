/**
 * The planner's engine in a test: a real store in the test's temporary AIOS_HOME, the real tools
 * acting on files under its HOME, and the kernel's consent and audit replaced by a record of
 * what was asked (the engine's own rules are what these tests look at; test/planner*.test.ts
 * run the whole service under `aios up`).
 *
 * @example
 * const h = plannerHarness(t);
 * const view = await h.run({ nodes: [...] }); // waits until it ends or waits for a person
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INIT_PID } from '../../src/kernel/index.ts';
import { runProgram } from '../../src/platform/exec.ts';
import { Planner } from '../../src/services/planner/planner.ts';
import { PlanStore } from '../../src/services/planner/store.ts';
import type { RunView } from '../../src/services/planner/view.ts';
import type { ServiceCaller } from '../../src/services/serve.ts';
import { findAction } from '../../src/tools/registry.ts';
import { Roots } from '../../src/tools/roots.ts';
import { testEnv } from './env.ts';

export const OWNER: ServiceCaller = { pid: INIT_PID, name: 'init', owner: true, resources: {} };

export interface PlannerHarness {
  dir: string;
  planner: Planner;
  store: PlanStore;
  /** Every kernel consent asked for: `tool.action risk target`. */
  invoked: string[];
  /** Backoffs the engine slept, in ms. */
  slept: number[];
  run(plan: unknown, caller?: ServiceCaller): Promise<RunView>;
  settle(id: string, caller?: ServiceCaller): Promise<RunView>;
  /** A new planner over the same store: what a restart sees. */
  restart(): Planner;
}

export function plannerHarness(t: { after(fn: () => void): void }): PlannerHarness {
  const env = testEnv(t);
  const dir = join(env.home, 'work');
  mkdirSync(dir, { recursive: true });
  mkdirSync(env.aiosHome, { recursive: true });
  const store = new PlanStore(join(env.aiosHome, 'planner.db'));
  t.after(() => store.close());
  const invoked: string[] = [];
  const slept: number[] = [];
  const make = () =>
    new Planner({
      store,
      findAction,
      toolContext: (run, journal, signal) => ({
        cwd: run.cwd ?? dir,
        home: env.home,
        paths: new Roots({
          cwd: run.cwd ?? dir,
          home: env.home,
          roots: [env.home],
          forbidden: [env.aiosHome],
        }),
        journal,
        signal,
        exec: (command, args, options) => runProgram(command, args, { cwd: dir, signal, ...options }),
        now: () => Date.now(),
      }),
      keptDir: (run, node) => join(env.aiosHome, 'planner', 'kept', run.id, node),
      authorise: async (_run, _node, name, risk, target) => void invoked.push(`${name} ${risk} ${target}`),
      audit: async () => {},
      llm: async () => {
        throw new Error('No LLM here');
      },
      agent: async () => {
        throw new Error('No agents here');
      },
      crashPoint: () => {},
      sleep: async (ms) => void slept.push(ms),
    });
  let planner = make();
  const h: PlannerHarness = {
    dir,
    get planner() {
      return planner;
    },
    store,
    invoked,
    slept,
    async run(plan, caller = OWNER) {
      const view = await planner.submit(caller, { plan, cwd: dir });
      return h.settle(view.id, caller);
    },
    async settle(id, caller = OWNER) {
      for (let i = 0; i < 200; i++) {
        const v = await planner.wait(caller, id, 5000);
        if (v.state !== 'running') return v;
      }
      throw new Error(`run ${id} never settled`);
    },
    restart() {
      planner = make();
      return planner;
    },
  };
  return h;
}
