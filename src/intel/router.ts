/**
 * The model router: a request's complexity decides whether the cheap or the strong model
 * answers first. Complexity is scored from what makes a plan hard to get right: several
 * steps in sequence, iteration, conditions and constraints, references to earlier turns, and
 * destructive verbs (a wrong plan there costs the most). Deterministic and explainable.
 *
 * @example
 * complexity('show the 5 biggest files here');                                  // { score: 0, ... }
 * complexity('find logs older than 7 days, zip them, then delete the originals'); // { score: 4, ... }
 * routeOf('...', [], 3); // 'strong'
 */
import type { Role } from './config.ts';
import type { Turn } from './intent.ts';

export interface Complexity {
  score: number;
  /** Which features counted, for --explain and tests. */
  reasons: string[];
}

const FEATURES: { name: string; pattern: RegExp; weight: number }[] = [
  { name: 'sequence', pattern: /\b(then|afterwards|after that|finally|next|followed by)\b|;/i, weight: 1 },
  {
    name: 'conjoined actions',
    pattern: /,\s*(and\s+)?\w+|\band\s+(also\s+)?(then\s+)?[a-z]+\s+(it|them|those|the)\b/i,
    weight: 1,
  },
  { name: 'iteration', pattern: /\b(each|every|per|for all)\b/i, weight: 1 },
  { name: 'condition', pattern: /\b(if|unless|except|only when|whether|but not|as long as)\b/i, weight: 1 },
  {
    name: 'constraint',
    pattern: /\b(older|newer|larger|bigger|smaller|than|between|since|before|after|at least|at most)\b/i,
    weight: 1,
  },
  {
    name: 'destructive',
    pattern: /\b(delete|remove|erase|wipe|kill|overwrite|uninstall|purge|rm|replace)\b/i,
    weight: 1,
  },
];

const REFERENCE = /\b(them|those|these|it|that|the same|the previous|the last one)\b/i;

export function complexity(request: string, history: readonly Turn[] = []): Complexity {
  const reasons: string[] = [];
  let score = 0;
  const words = request.trim().split(/\s+/).filter(Boolean).length;
  if (words > 12) {
    score++;
    reasons.push('long');
  }
  if (words > 25) {
    score++;
    reasons.push('very long');
  }
  for (const f of FEATURES) {
    if (f.pattern.test(request)) {
      score += f.weight;
      reasons.push(f.name);
    }
  }
  if (history.length > 0 && REFERENCE.test(request)) {
    score++;
    reasons.push('refers to an earlier turn');
  }
  return { score, reasons };
}

/** The role that answers first: strong when the score reaches `threshold`. */
export function routeOf(request: string, history: readonly Turn[] | undefined, threshold: number): Role {
  return complexity(request, history).score >= threshold ? 'strong' : 'cheap';
}
