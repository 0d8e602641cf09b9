/**
 * Every offline rule, most specific first: when two rules of the same tool score the same,
 * the earlier wins; when they belong to different tools, the translator asks.
 */
import type { Rule } from '../rule.ts';
import { gitRules, networkRules, packageRules, serviceRules, shellRules } from './dev.ts';
import { fileRules } from './files.ts';
import { processRules, systemRules } from './system.ts';
import { textRules } from './text.ts';

export const RULES: readonly Rule[] = [
  ...gitRules,
  ...packageRules,
  ...serviceRules,
  ...networkRules,
  ...processRules,
  ...systemRules,
  ...textRules,
  ...fileRules,
  ...shellRules,
];
