/**
 * What the files rules share: words that point away from files (packages, branches,
 * processes), the verbs of deleting and of showing, and the shape of a rule's answer.
 */
import type { Build, Draft } from '../rule.ts';

export const NOT_FILES =
  /\b(?:package|packages|npm|apt|dependency|dependencies|branch|branches|stash|process|processes|pid|service|daemon)\b/;
export const DELETE =
  /\b(?:delete|remove|rm|erase|trash|get rid of|wipe|purge|discard|throw away|throw out|nuke|del|clean out|clear out)\b/;
/** Verbs that change files: a request with one is never answered by a report. */
export const CHANGES = new RegExp(
  `${DELETE.source}|\\b(?:move|mv|copy|cp|rename|zip|compress|archive|tar|write|overwrite|append|replace|shred|truncate)\\b`,
);
export const SHOW =
  /\b(?:show|list|display|print|view|see|get|give|tell|what|which|ls|find|search|locate|look|where|any|are there|how many|count|enumerate)\b/;

export function drafts(goal: string, list: Draft[]): Build {
  return { drafts: list, goal };
}
