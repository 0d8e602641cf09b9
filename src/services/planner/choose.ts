/**
 * Tree of thoughts, the choosing half: k alternative plans for one goal, each measured (what
 * its nodes would touch, as their previews say, how risky and how costly it is, how sure we are
 * of it) and scored, best first, each with its pros and cons in words. Scoring is pure and
 * deterministic: the same measures always give the same order, and a tie is broken by lower
 * risk, then fewer paths, fewer bytes, fewer nodes, and last the order the plans were given in.
 *
 * The score is 100 minus weighted penalties, each between 0 and 1:
 *   risk 30 (highest step risk / 3), irreversible 25 (any change that cannot be undone),
 *   blast 20 (paths and bytes changed, on log scales), cost 10 (work units), confidence 10
 *   (1 - confidence), time 5 (estimated time against ten minutes).
 *
 * @example
 * const ranked = rankPlans([measureA, measureB]); // [{ index: 1, score: 91.2, pros, cons }, …]
 */
import { RISK_WORDS } from '../../kernel/risk.ts';
import { PLAN_LIMITS as L } from './limits.ts';

/** What one alternative would do, as far as its previews tell. */
export interface PlanMeasure {
  /** Its name, as shown. */
  name: string;
  /** Why it cannot be chosen (an invalid graph): ranked last, with this as its con. */
  invalid?: string;
  nodes: number;
  /** Tool nodes, LLM calls, messages to agents and approvals: what it costs to run. */
  tools: number;
  llm: number;
  agents: number;
  approvals: number;
  /** Highest risk of its steps (0-3) and how many steps change something (risk 1 or more). */
  risk: number;
  changes: number;
  /** Distinct paths its changing steps touch, and the bytes they write, move or remove. */
  paths: number;
  bytes: number;
  /** Why steps cannot be undone, one line each (empty: everything it changes can be taken back). */
  irreversible: string[];
  /** Steps whose effect is known only when they run (their arguments read earlier outputs). */
  unknown: number;
  /** How sure the source is of this reading of the request (0-1; a rule translator's is 1). */
  confidence: number;
}

export interface RankedPlan {
  /** Its position in the list given (0-based). */
  index: number;
  name: string;
  score: number;
  valid: boolean;
  risk: number;
  blast: { paths: number; bytes: number; reversible: boolean };
  cost: number;
  timeMs: number;
  confidence: number;
  pros: string[];
  cons: string[];
}

/** A measure with nothing counted yet, for `countStep` to fill. */
export function emptyMeasure(name: string, confidence = 1): PlanMeasure {
  return {
    name,
    nodes: 0,
    tools: 0,
    llm: 0,
    agents: 0,
    approvals: 0,
    risk: 0,
    changes: 0,
    paths: 0,
    bytes: 0,
    irreversible: [],
    unknown: 0,
    confidence,
  };
}

/** One tool step as scoring reads it: its risk and, when its effect is known now, its preview. */
export interface StepMeasure {
  id: string;
  risk: number;
  preview?: { paths: readonly string[]; bytes: number; irreversible?: string };
  /** False when its arguments are known only when it runs. */
  known: boolean;
}

/**
 * Counts one tool step into `m` (a node and a tool); the distinct paths its changes touch go
 * into `paths`, whose size the caller sets as `m.paths` once every step is counted.
 */
export function countStep(m: PlanMeasure, paths: Set<string>, step: StepMeasure): void {
  m.nodes++;
  m.tools++;
  m.risk = Math.max(m.risk, step.risk);
  if (step.risk >= 1) m.changes++;
  if (!step.known) m.unknown++;
  if (!step.preview || step.risk < 1) return;
  for (const p of step.preview.paths) paths.add(p);
  m.bytes += step.preview.bytes;
  if (step.preview.irreversible) m.irreversible.push(`${step.id}: ${step.preview.irreversible}`);
}

const WEIGHTS = { risk: 30, irreversible: 25, blast: 20, cost: 10, confidence: 10, time: 5 } as const;

/** Work units: a tool step 1, a message to an agent 3, an LLM call 10, an approval (a person's time) 5. */
export function costOf(m: PlanMeasure): number {
  return m.tools + 3 * m.agents + 10 * m.llm + 5 * m.approvals;
}

/** Estimated time: 50 ms a tool step, a byte moved at 100 MB/s, 2 s an LLM call, 0.5 s a message. */
export function timeOf(m: PlanMeasure): number {
  return Math.round(50 * m.tools + m.bytes / 100_000 + 2000 * m.llm + 500 * m.agents);
}

/** The effective confidence: the source's, lowered by each step whose effect is unknown until it runs. */
function confidenceOf(m: PlanMeasure): number {
  const known = m.nodes === 0 ? 1 : 1 - (0.5 * m.unknown) / m.nodes;
  return round(Math.max(0, Math.min(1, m.confidence)) * known, 3);
}

/** Score of one measure, 0-100 (higher is better); an invalid plan scores 0. */
export function scoreOf(m: PlanMeasure): number {
  if (m.invalid !== undefined) return 0;
  const blast =
    0.5 * Math.min(1, Math.log10(1 + m.paths) / 3) + 0.5 * Math.min(1, Math.log10(1 + m.bytes) / 9);
  const penalty =
    WEIGHTS.risk * (Math.min(3, Math.max(0, m.risk)) / 3) +
    WEIGHTS.irreversible * (m.irreversible.length > 0 ? 1 : 0) +
    WEIGHTS.blast * (m.changes === 0 ? 0 : blast) +
    WEIGHTS.cost * Math.min(1, costOf(m) / 50) +
    WEIGHTS.confidence * (1 - confidenceOf(m)) +
    WEIGHTS.time * Math.min(1, timeOf(m) / 600_000);
  return round(100 - penalty, 1);
}

/** The plans best first, each with its score, pros and cons. Throws on more than CHOOSE_MAX. */
export function rankPlans(measures: readonly PlanMeasure[]): RankedPlan[] {
  if (measures.length > L.CHOOSE_MAX) throw new RangeError(`At most ${L.CHOOSE_MAX} plans can be compared`);
  const ranked = measures.map((m, index) => ({ m, index, score: scoreOf(m) }));
  ranked.sort(
    (a, b) =>
      Number(a.m.invalid !== undefined) - Number(b.m.invalid !== undefined) ||
      b.score - a.score ||
      a.m.risk - b.m.risk ||
      a.m.paths - b.m.paths ||
      a.m.bytes - b.m.bytes ||
      a.m.nodes - b.m.nodes ||
      a.index - b.index,
  );
  const valid = measures.filter((m) => m.invalid === undefined);
  return ranked.map(({ m, index, score }) => ({
    index,
    name: m.name,
    score,
    valid: m.invalid === undefined,
    risk: m.risk,
    blast: { paths: m.paths, bytes: m.bytes, reversible: m.irreversible.length === 0 },
    cost: costOf(m),
    timeMs: timeOf(m),
    confidence: confidenceOf(m),
    ...prosAndCons(m, valid),
  }));
}

/** What speaks for and against `m`, in words, against the other valid plans. */
function prosAndCons(m: PlanMeasure, all: readonly PlanMeasure[]): { pros: string[]; cons: string[] } {
  if (m.invalid !== undefined) return { pros: [], cons: [m.invalid] };
  const pros: string[] = [];
  const cons: string[] = [];
  const others = all.filter((o) => o !== m);
  const least = (f: (x: PlanMeasure) => number) => others.length > 0 && others.every((o) => f(m) < f(o));
  const most = (f: (x: PlanMeasure) => number) => others.length > 0 && others.every((o) => f(m) > f(o));
  if (m.changes === 0) pros.push('changes nothing');
  else if (m.irreversible.length === 0) pros.push('everything it changes can be undone');
  else cons.push(`cannot be undone: ${m.irreversible[0]}`);
  if (m.risk >= 2) cons.push(`${RISK_WORDS[m.risk]} (risk ${m.risk}): asks first`);
  else if (least((x) => x.risk)) pros.push(`lowest risk (${RISK_WORDS[m.risk]})`);
  if (m.changes > 0) {
    const touched = `${m.paths} path${m.paths === 1 ? '' : 's'}, ${sizeOf(m.bytes)}`;
    if (least((x) => x.paths) || least((x) => x.bytes)) pros.push(`narrowest: touches ${touched}`);
    else if (most((x) => x.paths) || most((x) => x.bytes)) cons.push(`broadest: touches ${touched}`);
  }
  if (least(costOf)) pros.push(`fewest steps (${m.nodes})`);
  else if (most(costOf)) cons.push(`most steps (${m.nodes})`);
  if (m.unknown > 0)
    cons.push(
      `${m.unknown} step${m.unknown === 1 ? '' : 's'} known only when ${m.unknown === 1 ? 'it runs' : 'they run'}`,
    );
  if (m.confidence < 1)
    cons.push(`a less likely reading of the request (${Math.round(m.confidence * 100)}%)`);
  return { pros, cons };
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
