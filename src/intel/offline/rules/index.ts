/**
 * Every offline rule, most specific first: when two rules score the same, the earlier wins
 * unless they belong to different tools, in which case the translator asks.
 */
import type { Rule } from '../rule.ts';
import { fileRules } from './files.ts';
import { textRules } from './text.ts';

export const RULES: readonly Rule[] = [...textRules, ...fileRules];
