/**
 * The offline rule for a literal swap of text in files: "replace 'foo' with 'bar' in
 * notes.txt", "change http:// to https:// in config.json", "replace milk with oat milk in
 * todo.txt" (either side may be several words: up to where the files are said).
 */
import { has, restore } from '../parse.ts';
import { type Rule, sourcesOf, withSources } from '../rule.ts';

/**
 * Where what to write ends: before the files ("in todo.txt", "in all the md files",
 * "throughout src"), a manner ("everywhere", "case-insensitively") or the end.
 */
const SPAN_END =
  '(?=\\s+(?:in|inside|within|throughout|across|on)\\s|\\s+(?:everywhere|recursively|case[- ]?(?:in)?sensitive(?:ly)?|ignoring case|please)\\b|\\s*[.!?]?$)';
const SWAP = new RegExp(
  `\\b(?:replace|substitute|change|swap)\\s+(?:all\\s+)?(?:(?:occurrences|instances)\\s+of\\s+)?(?:the\\s+(?:word|text|string)\\s+)?(\\S+(?:\\s+(?!with\\b|by\\b|to\\b|for\\b)\\S+){0,3}?)\\s+(?:with|by|to|for)\\s+(\\S+(?:\\s+\\S+){0,3}?)${SPAN_END}`,
  'd',
);

/** "swap foo and bar in notes.txt", "switch 'a' and 'b' around": an exchange of two texts. */
const SWAP_BOTH =
  /^(?:swap|switch|exchange|interchange|flip)\s+(?:_q\d+_|\S+)\s+(?:and|&)\s+(?:_q\d+_|\S+)(?:\s+around)?\s+(?:in|inside)\s+/;

export const replace: Rule = {
  id: 'text.replace',
  examples: [
    "replace 'foo' with 'bar' in notes.txt",
    'change all occurrences of http to https in config.json',
  ],
  score(u) {
    if (has(u, /\breplace the (?:contents?|text) of\b/)) return 0;
    // "swap foo and bar in notes.txt": each becomes the other, which one swap cannot do
    if (has(u, SWAP_BOTH)) return 10;
    // "change http://a to https://b in config.json": a literal swap, not a download
    if (
      has(
        u,
        /\b(?:change|replace|swap|switch)\s+(?:all\s+)?\S+\s+(?:to|with|for|by)\s+\S+\s+(?:in|inside|throughout)\s+\S/,
      )
    )
      return 10;
    if (has(u, /\b(?:replace|substitute|swap)\b.+\b(?:with|by|for)\b/)) return 9;
    if (
      has(u, /\bchange\b.+\bto\b/) &&
      (u.quoted.length >= 2 || has(u, /\boccurrences?|every|all instances\b/))
    )
      return 9;
    if (has(u, /\bsed\b/)) return 8;
    return 0;
  },
  build(u, c) {
    if (has(u, SWAP_BOTH))
      return {
        clarify: `Swap both ways in "${u.raw}"? Nothing was changed: one replacement cannot exchange two texts; say which becomes which (for example: replace 'foo' with 'bar' in notes.txt)`,
      };
    let from: string | undefined;
    let to: string | undefined;
    // "replace _q1_ with _q0_": the texts a rewrite quoted (edit-orders.ts), in the order said
    const pair = /\breplace _q(\d+)_ with _q(\d+)_/.exec(u.text);
    if (pair) {
      from = u.quoted[Number(pair[1])];
      to = u.quoted[Number(pair[2])];
    } else if (u.quoted.length >= 2) {
      from = u.quoted[0];
      to = u.quoted[1];
    } else {
      const m = SWAP.exec(u.text);
      if (m) {
        const grab = (i: number) =>
          u.norm.length === u.text.length ? u.norm.slice(m.indices![i]![0], m.indices![i]![1]) : m[i];
        from = restore(u, grab(1));
        to = restore(u, grab(2));
      }
    }
    if (from === undefined || to === undefined)
      return { clarify: "Replace what with what? For example: replace 'foo' with 'bar' in notes.txt" };
    const skip = [from, to];
    const src = sourcesOf(u, c, { skip });
    if ('clarify' in src) return { clarify: `Replace in which files? ${src.clarify}` };
    return {
      goal: `Replace '${from}' with '${to}'`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'replace',
        args: {
          find: from,
          replace: to,
          ...(has(u, /\bcase[- ](?:in)?sensitive(?:ly)?\b|\bignoring case\b/) &&
          !has(u, /\bcase[- ]sensitive/)
            ? { ignoreCase: true }
            : {}),
          // sed's s/a/b/ without g: the first match on each line only
          ...(u.sed && 'firstPerLine' in u.sed && u.sed.firstPerLine ? { firstPerLine: true } : {}),
        },
        why: `replace '${from}'`,
      }),
    };
  },
};
