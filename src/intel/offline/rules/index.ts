/**
 * Every offline rule, most specific first: when two rules of the same tool score the same,
 * the earlier wins; when they belong to different tools, the translator asks.
 */
import type { Rule } from '../rule.ts';
import { archive, extract } from './files-archive.ts';
import { copyRule, mkdir, moveRule, organise, remove, rename } from './files-change.ts';
import { byContent } from './files-content.ts';
import { renameByPattern } from './files-names.ts';
import { archiveContents, duplicates, find, largest, list, read, stat, usage } from './files-query.ts';
import { renameMany } from './files-rename.ts';
import { append, write } from './files-write.ts';
import { gitRules } from './git.ts';
import { networkRules } from './network.ts';
import { packageRules } from './package.ts';
import { processRules } from './process.ts';
import { serviceRules } from './service.ts';
import { shellRules } from './shell.ts';
import { systemRules } from './system.ts';
import { textRules } from './text.ts';
import { textEditRules } from './text-edit.ts';
import { lineEndRules } from './text-line-ends.ts';

const fileRules: Rule[] = [
  byContent,
  largest,
  usage,
  duplicates,
  organise,
  archiveContents,
  extract,
  archive,
  renameByPattern,
  renameMany,
  rename,
  moveRule,
  copyRule,
  remove,
  mkdir,
  append,
  write,
  stat,
  read,
  find,
  list,
];

export const RULES: readonly Rule[] = [
  ...gitRules,
  ...packageRules,
  ...serviceRules,
  ...networkRules,
  ...processRules,
  ...systemRules,
  ...textEditRules,
  ...lineEndRules,
  ...textRules,
  ...fileRules,
  ...shellRules,
];
