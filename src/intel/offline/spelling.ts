/**
 * Informal spelling written out before anything else reads a request: contractions with or
 * without their apostrophe ("what's", "wheres", "arent"), "then" for the comparative "than",
 * and plurals of a kind of file written with an apostrophe ("the pdf's").
 *
 * @example
 * spelledOut('wheres the pdf\'s');   // 'where is the pdfs'
 */
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';

const CONTRACTIONS: [RegExp, string][] = [
  [/\bwhat's\b/gi, 'what is'],
  [/\bwhats\b/gi, 'what is'],
  [/\bwhere's\b/gi, 'where is'],
  [/\bwho's\b/gi, 'who is'],
  [/\bhow's\b/gi, 'how is'],
  [/\bthat's\b/gi, 'that is'],
  [/\bthere's\b/gi, 'there is'],
  [/\bit's\b/gi, 'it is'],
  [/\blet's\b/gi, 'let us'],
  [/\bi'm\b/gi, 'i am'],
  [/\bi've\b/gi, 'i have'],
  [/\bi'd\b/gi, 'i would'],
  [/\byou're\b/gi, 'you are'],
  [/\b(\w+)n't\b/gi, '$1 not'],
  // typed without the apostrophe: "wheres", "arent", "doesnt" ("cant" and "wont" are words too,
  // but never in a request to a shell)
  [/\b(where|who|how|there|that)s\b/gi, '$1 is'],
  [/\b(is|are|was|were|do|does|did|has|have|had|could|would|should)nt\b/gi, '$1 not'],
  [/\bcant\b/gi, 'cannot'],
  [/\bwont\b/gi, 'will not'],
  [/\bcan not\b/gi, 'cannot'],
  // "no. of words", "nr of files", "num of lines": the number of
  [/(?<=^|\s)(?:no\.|nr\.?|num|#)\s*of\b/gi, 'number of'],
  // "older then 7 days": the comparative's "than", not the "then" of a sequence.
  [
    /\b(older|newer|younger|bigger|larger|smaller|greater|heavier|lighter|longer|shorter|more|less|fewer|other) then\b/gi,
    '$1 than',
  ],
];

/** `text` with its contractions and apostrophe plurals written out. */
export function spelledOut(text: string): string {
  let s = text;
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to);
  // "the pdf's", "CSV's": a plural of a kind of file written with an apostrophe
  // ("each log's file name" is a possessive)
  // ("each log's file name" is a possessive, and so is "todo.txt's": a file's, not a plural)
  return s.replace(/(?<![\w.])([a-z][a-z0-9]{0,9})'s\b(?!\s+(?:file\s?)?names?\b)/gi, (m, w: string) =>
    FILE_EXTS.has(w.toLowerCase()) || KIND_WORDS[w.toLowerCase()] ? `${w}s` : m,
  );
}
