/**
 * How the preview shows what Atlas read and checked: the goal behind the request, the steps
 * it added for that goal (and why), each step's confidence with its weakest reason, and the
 * steps it doubts. Pure functions from data to lines, beside render.ts.
 */
import type { PlannedRequest, PlannedStep } from './types.ts';

const INDENT = '       ';

/** "Goal: clean up (read from "clean up", plan: files.delete)". */
export function goalLines(p: PlannedRequest): string[] {
  const g = p.inferredGoal;
  if (!g) return [];
  const added = p.steps.filter((s) => s.added).length;
  const from = g.cues.length > 0 ? `; read from ${g.cues.slice(0, 3).join(', ')}` : '';
  return [
    `Goal: ${g.label} (confidence ${g.confidence}${from})${added > 0 ? `; Atlas added ${added} safety ${added === 1 ? 'step' : 'steps'}` : ''}`,
    ...(g.note ? [`  ${g.note}`] : []),
  ];
}

/** Under a step: why Atlas added it, and how sure the critique is of it. */
export function stepNotes(s: PlannedStep): string[] {
  const lines: string[] = [];
  if (s.added) lines.push(`${INDENT}added by Atlas ${s.added.reason}`);
  // The critique lists the weakest reason first.
  if (s.confidence !== undefined && s.reasons && s.reasons.length > 0)
    lines.push(`${INDENT}confidence ${s.confidence}: ${s.reasons[0]}`);
  return lines;
}

/** Under the plan: the steps below the threshold, which make Atlas ask. */
export function doubtLines(p: PlannedRequest): string[] {
  return (p.doubts ?? []).map((d) => {
    const n = p.steps.findIndex((s) => s.id === d.stepId) + 1;
    return `Doubt: step ${n} has confidence ${d.confidence}: ${d.reason}`;
  });
}
