/**
 * Goal inference: which of the goal kinds (kinds.ts) a request serves, read from its words
 * and its plan. A goal word or phrase said ("tidy up", "deploy") weighs most; the same word
 * mistyped ("deploi", a word WordNet does not know, one edit from a goal word with the same
 * first letter) almost as much; a word WordNet gives as a synonym of a goal word ("neaten" for
 * "tidy") less; a weak cue and each plan action that does such work least. Names of files and
 * folders the plan acts on are not read as words ("debug.log", a folder called backup).
 *
 * @example
 * inferGoal('clean up my Downloads, delete the old zips');
 * // { kind: 'cleanup', label: 'clean up', confidence: 0.86, cues: ['clean up', ...] }
 */
import { distance } from '../../intel/offline/typos.ts';
import { GOAL_LIMITS } from '../limits.ts';
import { GOAL_KINDS, GOALS, type GoalKind } from './kinds.ts';
import { baseForms, type Lexicon, wordnetLexicon } from './lexicon.ts';

export interface InferredGoal {
  kind: GoalKind;
  label: string;
  /** The best kind's share of the evidence (0-1). */
  confidence: number;
  /** What was read as evidence: the words, typos, synonyms and plan actions. */
  cues: string[];
  /**
   * The person said the goal (a goal word, its typo or synonym, a goal-shaped question), not
   * only hinted at it: only then does Atlas add safety steps for it.
   */
  said: boolean;
  /** How a request said as a goal was reworded to be planned (goals/frame.ts). */
  note?: string;
}

/** What the classifier reads of a plan: the actions and their arguments. */
export interface PlanLike {
  steps: readonly { tool: string; action: string; args: Record<string, unknown> }[];
}

const WEIGHT = { cue: 3, typo: 2.5, synonym: 1.5, weak: 1, lead: 1 } as const;

/** Words before the command ("please", "can you", "i want to"). */
const POLITE = new Set([
  'please',
  'can',
  'could',
  'would',
  'you',
  'u',
  'i',
  'want',
  'to',
  'need',
  'help',
  'me',
  'lets',
  "let's",
  'go',
  'and',
  'just',
  'kindly',
  'pls',
]);

/** The goal of `request` (and its plan), or undefined when nothing says one clearly enough. */
export function inferGoal(
  request: string,
  plan?: PlanLike,
  lexicon: Lexicon = wordnetLexicon(),
): InferredGoal | undefined {
  const words = wordsOf(request, namesIn(plan));
  const text = ` ${words.join(' ')} `;
  const scores = new Map<GoalKind, { score: number; cues: string[]; said: boolean }>(
    GOAL_KINDS.map((k) => [k, { score: 0, cues: [], said: false }]),
  );
  const add = (kind: GoalKind, weight: number, cue: string, said = weight > WEIGHT.weak) => {
    const s = scores.get(kind)!;
    if (s.cues.includes(cue)) return;
    s.score += weight;
    s.cues.push(cue);
    if (said) s.said = true;
  };
  const said = words.join(' ');
  for (const kind of GOAL_KINDS)
    for (const pattern of GOALS[kind].patterns ?? [])
      if (pattern.test(said)) add(kind, WEIGHT.cue, 'the way it is asked');
  const read = new Set<string>();
  for (const kind of GOAL_KINDS) {
    const goal = GOALS[kind];
    for (const [list, weight] of [
      [goal.cues, WEIGHT.cue],
      [goal.weak, WEIGHT.weak],
    ] as const) {
      for (const cue of list) {
        if (cue.includes(' ')) {
          if (text.includes(` ${cue} `)) {
            add(kind, weight, cue);
            for (const w of cue.split(' ')) read.add(w);
          }
          continue;
        }
        for (const w of words) {
          if (baseForms(w).includes(cue)) {
            add(kind, weight, cue);
            read.add(w);
          }
        }
      }
    }
  }
  for (const w of new Set(words)) {
    if (read.has(w) || w.length < GOAL_LIMITS.MIN_WORD_LENGTH) continue;
    const known = lexicon.known(w);
    if (!known) {
      for (const kind of GOAL_KINDS) {
        const typo = GOALS[kind].cues.find(
          (cue) =>
            !cue.includes(' ') &&
            cue.length >= GOAL_LIMITS.MIN_WORD_LENGTH &&
            cue[0] === w[0] &&
            distance(w, cue, 1) <= 1,
        );
        if (typo) add(kind, WEIGHT.typo, `"${w}" as "${typo}"`);
      }
      continue;
    }
    const synonyms = lexicon.synonyms(w);
    for (const kind of GOAL_KINDS) {
      const hit = GOALS[kind].cues.find((cue) => synonyms.includes(cue));
      if (hit) add(kind, WEIGHT.synonym, `"${w}" like "${hit}"`);
    }
  }
  for (const step of plan?.steps ?? []) {
    const action = `${step.tool}.${step.action}`;
    for (const kind of GOAL_KINDS) {
      const weight = GOALS[kind].actions[action];
      if (weight) add(kind, weight, `plan: ${action}`, false);
    }
  }
  // A request is mostly a command: its first word says what is to be done ("encrypt the backups").
  const lead = words.find((w) => !POLITE.has(w));
  if (lead !== undefined)
    for (const s of scores.values())
      if (
        s.cues.some(
          (c) =>
            c === lead ||
            c.startsWith(`${lead} `) ||
            c.startsWith(`"${lead}"`) ||
            baseForms(lead).includes(c),
        )
      )
        s.score += WEIGHT.lead;
  const ranked = [...scores].sort((a, b) => b[1].score - a[1].score);
  const [kind, best] = ranked[0];
  const second = ranked[1][1].score;
  if (best.score < GOAL_LIMITS.MIN_SCORE || best.score === second) return undefined;
  return {
    kind,
    label: GOALS[kind].label,
    confidence: Math.round((best.score / (best.score + second + 1)) * 100) / 100,
    cues: best.cues,
    said: best.said,
  };
}

/** The request's words: lower case, no quoted text, no paths, versions or numbers, no plan names. */
function wordsOf(request: string, names: ReadonlySet<string>): string[] {
  return request
    .toLowerCase()
    .replace(/(^|\s)(["'`])[^"'`]*\2(?=[\s.,;:!?]|$)/g, ' ')
    .replace(/[.,;:!?)(]+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !/[./~@\d_=]/.test(t))
    .map((t) => t.replace(/^[^a-z]+|[^a-z]+$/g, ''))
    .filter((t) => t !== '' && !names.has(t));
}

/** Names of files and folders a plan's arguments carry ("reports" of reports/q1.pdf). */
function namesIn(plan: PlanLike | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'string' && /^(?:path|paths|to|name|names)$/.test(key))
      for (const part of v.toLowerCase().split('/'))
        if (part && part !== '~' && part !== '.') {
          names.add(part);
          names.add(part.replace(/\.[a-z0-9.]+$/, ''));
        }
  };
  for (const step of plan?.steps ?? []) for (const [k, v] of Object.entries(step.args)) visit(v, k);
  return names;
}
