/**
 * Runs the labelled requests: each against a fresh copy of the fixture, through Atlas with an
 * embedded kernel (plan, confirm, execute), judged by the files it leaves and the output it
 * returns, never by the text of its plan. Also checks that every plan the translator makes
 * is valid against the Intent IR and every action's schema. Shared by the test (thresholds)
 * and the benchmark (the per-tool table).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { boot } from '../../src/boot.ts';
import {
  PlanSchema,
  type TranslateContext,
  type Translation,
  type Translator,
} from '../../src/intel/intent.ts';
import { OfflineTranslator } from '../../src/intel/offline/translator.ts';
import { Atlas } from '../../src/shell/atlas.ts';
import { renderOutcome } from '../../src/shell/render.ts';
import type { Outcome, PlannedRequest } from '../../src/shell/types.ts';
import { findAction } from '../../src/tools/registry.ts';
import { buildTemplates, instance, type Variant } from './fixture.ts';

/** Tool outputs are checked field by field in the cases: loosely typed on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: outputs differ per action; each case reads its own fields
export type Loose = any;

export interface Result {
  root: string;
  cwd: string;
  port: number;
  pids: number[];
  planned: PlannedRequest[];
  outcomes: Outcome[];
  /** Output of the last step of the last request. */
  last: Loose;
  /** Every step output of the last request. */
  outputs: Loose[];
  /** What a person would read. */
  text: string;
  /** Errors of failed steps. */
  errors: string[];
  exists(rel: string): boolean;
  read(rel: string): string;
  ls(rel?: string): string[];
  /** Base names of the paths the last output names (entries, paths, matches). */
  names(): string[];
}

export interface Case {
  tool: string;
  request: string | string[];
  variant?: Variant;
  needs?: 'proc';
  /** The right answer is a question, or a refusal (outside the allowed roots); nothing changes. */
  expect?: 'clarify' | 'refused' | 'tool-error';
  check(r: Result): true | string;
}

export interface CaseReport {
  tool: string;
  request: string;
  plans: number;
  validPlans: number;
  ok: boolean;
  reason?: string;
}

/** Wraps a translator and checks every plan it makes against the IR and the action schemas. */
class Validating implements Translator {
  readonly name = 'validating';
  readonly inner: Translator;
  plans = 0;
  valid = 0;
  problems: string[] = [];
  constructor(inner: Translator) {
    this.inner = inner;
  }
  async translate(request: string, context: TranslateContext): Promise<Translation> {
    const t = await this.inner.translate(request, context);
    if (t.plan) {
      this.plans++;
      const problem = planProblem(t.plan);
      if (problem) this.problems.push(`${request}: ${problem}`);
      else this.valid++;
    }
    return t;
  }
}

export function planProblem(plan: unknown): string | undefined {
  const ir = PlanSchema.safeParse(plan);
  if (!ir.success) return `IR: ${ir.error.issues[0].message}`;
  for (const step of ir.data.steps) {
    const def = findAction(step.tool, step.action);
    if (!def) return `no action ${step.tool}.${step.action}`;
    const args = def.args.safeParse(step.args);
    if (!args.success)
      return `${step.tool}.${step.action}: ${args.error.issues[0].path.join('.')} ${args.error.issues[0].message}`;
  }
  return undefined;
}

function names(output: Loose): string[] {
  if (!output || typeof output !== 'object') return [];
  const paths: string[] = Array.isArray(output.entries)
    ? output.entries.map((e: { path: string }) => e.path)
    : Array.isArray(output.paths)
      ? output.paths
      : Array.isArray(output.matches)
        ? [...new Set(output.matches.map((m: { path: string }) => m.path))]
        : Array.isArray(output.deleted)
          ? output.deleted
          : [];
  return paths.map((p) => basename(String(p)));
}

export interface RunOptions {
  dir: string;
  aiosHome: string;
  cases: readonly Case[];
  /** Called after each case (progress). */
  onCase?(report: CaseReport): void;
}

export async function runLabelled(o: RunOptions): Promise<CaseReport[]> {
  const templates = await buildTemplates(join(o.dir, 'templates'));
  const server = await httpFixture();
  const port = (server.address() as AddressInfo).port;
  const system = await boot({ home: o.aiosHome, logLevel: 'error' });
  const reports: CaseReport[] = [];
  try {
    let n = 0;
    for (const c of o.cases) {
      const report = await runCase(c, ++n, { dir: o.dir, templates, system, port });
      reports.push(report);
      o.onCase?.(report);
    }
  } finally {
    await system.shutdown();
    await new Promise((r) => server.close(r));
  }
  return reports;
}

async function runCase(
  c: Case,
  n: number,
  env: {
    dir: string;
    templates: Awaited<ReturnType<typeof buildTemplates>>;
    system: Awaited<ReturnType<typeof boot>>;
    port: number;
  },
): Promise<CaseReport> {
  const { root, cwd } = instance(env.templates, c.variant ?? 'base', join(env.dir, `case-${n}`));
  const children: ChildProcess[] = [];
  if (c.needs === 'proc') {
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync('/bin/sleep', join(root, 'bin', 'tickerd'));
    for (let i = 0; i < 2; i++) {
      const child = spawn(join(root, 'bin', 'tickerd'), ['300'], { cwd, stdio: 'ignore' });
      children.push(child);
      await new Promise((r) => child.once('spawn', r));
    }
  }
  const pids = children.map((ch) => ch.pid!);
  const fill = (s: string) =>
    s.replaceAll('{port}', String(env.port)).replaceAll('{pid}', String(pids[0] ?? 0));
  const requests = (Array.isArray(c.request) ? c.request : [c.request]).map(fill);
  const translator = new Validating(new OfflineTranslator());
  const atlas = new Atlas(env.system, {
    translator,
    home: root,
    config: { roots: [], onlyRoots: false, mutatingStepsPerMinute: 1_000_000, undoDays: 30 },
  });
  const report: CaseReport = {
    tool: c.tool,
    request: requests.join(' ⟶ '),
    plans: 0,
    validPlans: 0,
    ok: false,
  };
  const planned: PlannedRequest[] = [];
  const outcomes: Outcome[] = [];
  try {
    for (const request of requests) {
      const p = await atlas.plan(request, { cwd, session: `case-${n}` });
      planned.push(p);
      if (p.steps.length === 0) break;
      outcomes.push(await atlas.execute(p.id, { confirmed: true }));
    }
    const lastPlan = planned.at(-1)!;
    const lastOutcome = outcomes.length === planned.length ? outcomes.at(-1) : undefined;
    const outputs = lastOutcome?.results.map((r) => r.output) ?? [];
    const result: Result = {
      root,
      cwd,
      port: env.port,
      pids,
      planned,
      outcomes,
      last: outputs.at(-1),
      outputs,
      text: lastOutcome ? renderOutcome(lastPlan, lastOutcome, { cwd }).join('\n') : '',
      errors: outcomes.flatMap((o) => o.results.flatMap((x) => (x.error ? [x.error] : []))),
      exists: (rel) => existsSync(join(cwd, rel)),
      read: (rel) => readFileSync(join(cwd, rel), 'utf8'),
      ls: (rel = '.') => readdirSync(join(cwd, rel)).sort(),
      names: () => names(outputs.at(-1)),
    };
    if (c.expect === 'refused') {
      report.reason = 'expected a refusal';
    } else if (c.expect === 'clarify') {
      if (lastPlan.steps.length > 0) report.reason = 'expected a question, got a plan';
      else if (!lastPlan.clarify) report.reason = 'no question asked';
    } else if (lastPlan.steps.length === 0) {
      report.reason = `not understood: ${lastPlan.clarify ?? ''}`;
    } else if (c.expect === 'tool-error') {
      if (lastOutcome?.ok !== false) report.reason = 'expected the tool to refuse';
    } else if (!lastOutcome?.ok) {
      report.reason = `failed: ${lastOutcome?.results.find((r) => !r.ok)?.error ?? 'an earlier turn failed'}`;
    }
    if (!report.reason) {
      const verdict = c.check(result);
      if (verdict !== true) report.reason = `wrong result: ${verdict}`;
    }
    report.ok = report.reason === undefined;
  } catch (error) {
    const message = (error as Error).message;
    const refused =
      (c.expect === 'refused' && /outside the allowed roots/.test(message)) || c.expect === 'tool-error';
    if (refused) {
      const verdict = c.check({
        cwd,
        errors: [message],
        exists: (rel: string) => existsSync(join(cwd, rel)),
      } as Result);
      report.ok = verdict === true;
      if (verdict !== true) report.reason = `wrong result: ${verdict}`;
    } else report.reason = `error: ${(error as Error).message}`;
  } finally {
    atlas.close();
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
  }
  report.plans = translator.plans;
  report.validPlans = translator.valid;
  if (translator.problems.length > 0)
    report.reason = `${report.reason ?? ''} invalid plan: ${translator.problems.join('; ')}`;
  return report;
}

/** A loopback HTTP server for the network requests. */
function httpFixture(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/hello') res.end('hello world\n');
    else if (req.url === '/data.json') {
      res.setHeader('content-type', 'application/json');
      res.end('{"items":[1,2,3]}\n');
    } else if (req.url === '/file.txt') {
      res.setHeader('content-type', 'text/plain');
      res.end('downloaded content\n');
    } else if (req.url === '/health') res.end('ok\n');
    else {
      res.statusCode = 404;
      res.end('not found\n');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Per-tool success and validity, as rows for a table. */
export function perTool(
  reports: readonly CaseReport[],
): { tool: string; cases: number; ok: number; plans: number; valid: number }[] {
  const tools = [...new Set(reports.map((r) => r.tool))];
  const rows = tools.map((tool) => {
    const mine = reports.filter((r) => r.tool === tool);
    return {
      tool,
      cases: mine.length,
      ok: mine.filter((r) => r.ok).length,
      plans: mine.reduce((n, r) => n + r.plans, 0),
      valid: mine.reduce((n, r) => n + r.validPlans, 0),
    };
  });
  const all = {
    tool: 'all',
    cases: reports.length,
    ok: reports.filter((r) => r.ok).length,
    plans: reports.reduce((n, r) => n + r.plans, 0),
    valid: reports.reduce((n, r) => n + r.validPlans, 0),
  };
  return [...rows, all];
}
