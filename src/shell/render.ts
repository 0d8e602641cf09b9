/**
 * How `aios do` and `aios shell` show a plan and its results to a person: numbered steps
 * with their risk and what they touch, and each step's result (render-result.ts: tables for
 * listings, human sizes, bar charts for disk usage, grep-style lines for searches). Pure
 * functions from data to lines.
 */
import { bytes } from '../cli/format.ts';
import { rightNames } from '../kernel/rights.ts';
import { RISK_CONFIRM, RISK_RIGHTS, RISK_WORDS } from '../kernel/risk.ts';
import { doubtLines, goalLines, stepNotes } from './render-reflect.ts';
import { type RenderOptions, renderResult, shown } from './render-result.ts';
import type { Outcome, PlannedRequest, PlannedStep } from './types.ts';

export { bars, type RenderOptions, renderResult, shown } from './render-result.ts';

const MAX_PATHS = 8;

export function renderPlan(p: PlannedRequest, o: RenderOptions): string[] {
  if (p.steps.length === 0) return renderUnclear(p);
  const lines = [`Plan: ${p.goal}`, ...goalLines(p)];
  const width = Math.max(...p.steps.map((s) => `${s.tool}.${s.action}`.length));
  p.steps.forEach((s, i) => {
    lines.push(
      `  ${i + 1}. ${`${s.tool}.${s.action}`.padEnd(width)}  risk ${s.risk} (${RISK_WORDS[s.risk]})  ${s.preview.summary}`,
    );
    if (s.risk > 0) {
      const paths = s.preview.paths.filter((x, j, all) => all.indexOf(x) === j);
      for (const path of paths.slice(0, MAX_PATHS)) lines.push(`       ${shown(path, o.cwd)}`);
      if (paths.length > MAX_PATHS) lines.push(`       … and ${paths.length - MAX_PATHS} more`);
    }
    if (s.preview.irreversible) lines.push(`       note: ${s.preview.irreversible}`);
    lines.push(...stepNotes(s));
    if (o.explain) lines.push(...explainStep(s));
  });
  lines.push(...doubtLines(p));
  if (o.explain) {
    lines.push(`  (translated by the ${p.source} translator; request ${p.id})`);
    for (const t of p.trail ?? []) lines.push(`  tried: ${t}`);
  }
  return lines;
}

function explainStep(s: PlannedStep): string[] {
  return [
    `       why: ${s.why ?? 'part of the plan'}`,
    `       args: ${JSON.stringify(s.args)}`,
    `       kernel check: tool_invoke at risk ${s.risk} needs rights ${rightNames(RISK_RIGHTS[s.risk]).join(', ')}${s.risk >= RISK_CONFIRM ? ' (granted only for a confirmed plan)' : ''}`,
    ...(s.dependsOn.length > 0 ? [`       after: ${s.dependsOn.join(', ')}`] : []),
  ];
}

export function renderUnclear(p: PlannedRequest): string[] {
  const lines = [p.clarify ?? `I could not understand "${p.request}"`];
  if (p.suggestions && p.suggestions.length > 0) {
    lines.push('Requests I can do that come close:');
    for (const s of p.suggestions) lines.push(`  aios do "${s}"`);
  }
  return lines;
}

/** The question asked before a plan that needs confirmation. */
export function confirmQuestion(p: PlannedRequest): string {
  const max = Math.max(...p.steps.map((s) => s.risk));
  const what =
    max >= 3 ? 'deletes or stops things (kept for undo where possible)' : 'overwrites or changes things';
  return `This plan ${what}. Proceed? [y/N] `;
}

export function renderOutcome(p: PlannedRequest, out: Outcome, o: RenderOptions): string[] {
  const lines: string[] = [];
  for (const r of out.results) {
    const step = p.steps.find((s) => s.id === r.stepId);
    if (!step) continue;
    if (!r.ok) {
      lines.push(`✗ ${step.tool}.${step.action} failed: ${r.error}`);
      continue;
    }
    // A selection step feeding a change is shown by the change itself.
    if (p.steps.some((s) => s.dependsOn.includes(step.id) && s.risk > 0) && step.risk === 0) continue;
    lines.push(...renderResult(step, r.output, o));
  }
  const skipped = p.steps.filter((s) => !out.results.some((r) => r.stepId === s.id));
  if (!out.ok && skipped.length > 0) {
    lines.push(
      `Stopped: ${out.ranSteps.length > 0 ? `ran ${out.ranSteps.join(', ')}; ` : 'nothing ran; '}did not run ${skipped.map((s) => s.id).join(', ')}`,
    );
  }
  if (out.undoId) lines.push(`Undo with: aios undo ${out.undoId}`);
  return lines;
}

/** A one-line progress bar for long copies: `[████░░░░]  42%  1.2 GiB / 2.9 GiB`. */
export function progressLine(label: string, done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${bytes(done)} / ${bytes(total)}`;
}
