/**
 * Questions that look one thing up, in the words people ask them: what a file says ("what's
 * written in notes.txt?", "what's inside todo.txt"), whether a text is in a file ("is milk in
 * todo.txt?"), where a text is mentioned, which program a pid is ("which program has pid
 * 4242?", "what process is 4242"), and this project's own name and version. Each becomes the
 * form a rule reads; nothing here changes anything.
 *
 * @example
 * lookups('what is written in _f0_?');   // 'show _f0_'
 * lookups('which program has pid 42?');  // 'what is pid 42'
 */

/** Text asked about: quoted, or quoted by a rewrite before (topic-first.ts), or one word. */
const TEXT = '(_q\\d+_|«[^»]*»|(?!_[fuh]\\d+_)[\\w@#$.-]+)';
const END = '\\s*[?.!]*$';

const REWRITES: [RegExp, string][] = [
  // what a file says
  [
    new RegExp(
      `^(?:so\\s+)?what\\s+(?:is|s|was)\\s+(?:(?:written|typed|stored|saved|put|kept|said)\\s+)?(?:in|inside|within)\\s+(?:the\\s+file\\s+)?(_f\\d+_)${END}`,
      'gi',
    ),
    'show $1',
  ],
  [
    new RegExp(
      `^(?:what|which)\\s+(?:text|words|stuff|content|contents|lines)\\s+(?:is|are|does|do)\\s+(?:in|inside)?\\s*(_f\\d+_)(?:\\s+(?:have|has|contain|hold))?${END}`,
      'gi',
    ),
    'show $1',
  ],
  [
    new RegExp(
      `^(?:what\\s+(?:is|s)\\s+)?(?:the\\s+)?(?:text|content|contents)\\s+of\\s+(_f\\d+_)${END}`,
      'gi',
    ),
    'show $1',
  ],
  // "is milk in todo.txt?", "is «foo» mentioned in notes.txt": a search of that file
  [
    new RegExp(
      `^(?:is|are)\\s+(?:the\\s+(?:word|text|string|phrase)\\s+)?${TEXT}\\s+(?:in|inside|mentioned\\s+in|written\\s+in|used\\s+in|anywhere\\s+in|somewhere\\s+in)\\s+(_f\\d+_)${END}`,
      'gi',
    ),
    'search for $1 in $2',
  ],
  // "where is «database» mentioned", "where is «Bob» written": the text looked for everywhere here
  [
    /^where\s+(?:is|are|was|were)\s+(_q\d+_|«[^»]*»)\s+(?:mentioned|used|written|said|referenced|talked\s+about|found)(\s+(?:in|inside|under)\s+.+?)?\s*[?.!]*$/gi,
    'search for $1$2',
  ],
  // "where does «Bob» appear", "where do 'foo' and nothing else show up": looked for here
  [
    /^where\s+(?:does|do|did)\s+(_q\d+_|«[^»]*»)\s+(?:appear|occur|show\s+up|come\s+up|turn\s+up|crop\s+up|get\s+mentioned|get\s+used)(\s+(?:in|inside|under)\s+.+?)?\s*[?.!]*$/gi,
    'search for $1$2',
  ],
  // "which program has pid 42", "what process is 42", "who is pid 42", "what's behind pid 42"
  [
    /^(?:which|what)\s+(?:program|process|app|application|command|binary|executable|service|thing)\s+(?:has|is\s+using|is\s+behind|is|owns|uses|using|got|holds|runs\s+(?:as|with|under))\s+(?:the\s+)?(?:pid|process\s+id|process\s+number|process)\s+#?(\d+)\s*[?.!]*$/gi,
    'what is pid $1',
  ],
  [
    /^(?:which|what)\s+(?:program|process|app|application|command)\s+is\s+#?(\d+)\s*[?.!]*$/gi,
    'what is pid $1',
  ],
  [
    /^(?:who|what)\s+(?:is|owns|runs|has|s)\s+(?:behind\s+)?(?:pid|process)\s+#?(\d+)\s*[?.!]*$/gi,
    'what is pid $1',
  ],
  [
    /^(?:pid|process)\s+#?(\d+)\s*[-:,]?\s*(?:what|which)\s+(?:is|program\s+is)\s+(?:it|that)\s*[?.!]*$/gi,
    'what is pid $1',
  ],
  // this project's own name and version: what its package.json says
  [
    /^(?:what\s+(?:is|s|are)\s+|tell\s+me\s+|show\s+(?:me\s+)?|give\s+me\s+)?(?:the\s+)?(?:name\s+and\s+(?:the\s+)?version|version\s+and\s+(?:the\s+)?name|name|version|package\s+name|version\s+number)\s+of\s+(?:this|the|my|our)\s+(?:package|project|app|module|library|repo)(?:\s+here)?\s*[?.!]*$/gi,
    'show «package.json»',
  ],
  [
    /^(?:what\s+(?:is|s)\s+this\s+(?:package|project|module|library)\s+called|what\s+(?:version|name)\s+is\s+this\s+(?:package|project|module|library)(?:\s+at)?|which\s+version\s+is\s+this\s+(?:package|project|module|library)(?:\s+at)?)\s*[?.!]*$/gi,
    'show «package.json»',
  ],
];

/** `text` (one clause, normalised) with a look-up question in the form a rule reads. */
export function lookups(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
