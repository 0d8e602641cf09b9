/**
 * A request split into clauses: "find the pdfs and move them to docs" is two, "copy a.txt and
 * b.txt to backup" one; quoted text is never split; politeness, hurry and "afterwards" are
 * taken off each clause; clauses that are one action are joined back ("get URL and save it as
 * x.json", "search for TODO and count how many there are").
 *
 * @example
 * splitClauses('find the pdfs and then move them to docs'); // ['find the pdfs', 'move them to docs']
 */

const VERBS =
  'delete|remove|erase|trash|set|move|copy|zip|compress|archive|tar|extract|unzip|unpack|rename|show|list|find|count|search|grep|replace|create|make|write|append|add|open|read|kill|stop|start|restart|install|uninstall|commit|stage|stash|checkout|switch|fetch|download|resolve|organi[sz]e|sort|tidy|back up|backup|run|print|display|tell|give|put|stick|gather|collect|bundle|save|get|grab|snag|retrieve|check|look|cat|duplicate|clean|how many|what|which';
/** Verbs that start a new clause after a bare comma: "find all pdfs, zip them, and move ...". */
const CHAIN_VERBS =
  'delete|remove|move|copy|zip|compress|archive|rename|extract|unzip|show|list|count|open|read';
const SPLIT = new RegExp(
  `\\s*(?:[;,]\\s*)?\\b(?:and then|then|and also|after that|afterwards|and|also)\\s+(?=(?:${VERBS}|let me)(?![\\w.-]))|\\s*[;,]\\s*(?=(?:${CHAIN_VERBS})\\s+(?:them|it|the|all|those|these)\\b|how many (?:are|of|hits|matches|times|results)\\b)`,
  'i',
);
const POLITE =
  /^(?:(?:and|now|then|also|ok(?:ay)?|so|please|pls|plz|hey|atlas|would you mind|do you mind|can you|could you|would you|will you|can u|could u|i want to|i'd like to|i would like to|i need to|help me|let's|let us|go ahead and|go ahead|just|quickly)(?:[\s,]+|$))+/i;

/** "zip docs real quick", "… for me please": how soon, or for whom, at the very end. */
const HURRY =
  /(?:\s+(?:real(?:ly)? quick|quickly|asap|right now|for me|pls|plz|please|thanks|thank you|thx)\b)+\s*[.!]*$/i;

/** "and remove it afterwards": when a later clause runs is its place in the request. */
const LATER =
  /\s+(?:afterwards?|after that|after|then|when (?:done|finished|that is done)|once (?:done|finished|that is done))\s*[.!]*$/i;

/** After a fetch, asking to see it: the fetch already shows the page. */
const SHOW_FETCHED =
  /^(?:(?:tell|show|give)\s+me\s+(?:what\s+(?:it|that|the\s+page|the\s+site)\s+(?:says|contains|returns|returned|shows|has|gave)|what\s+(?:came|comes)\s+back|what\s+was\s+returned|the\s+(?:contents?|text|body|result|response|output|page))|(?:show|print|display|read|output|cat)\s+(?:me\s+)?(?:it|that|the\s+(?:page|contents?|text|body|result|response|output))(?:\s+(?:out|aloud|back))?(?:\s+(?:to|for)\s+me)?|what\s+(?:does|did)\s+it\s+say|(?:(?:tell|show|give)\s+me|report|print|display|show|return|output|check)\s+(?:the\s+|its\s+|what\s+)?(?:http\s+)?(?:status|status\s+code|response\s+code|return\s+code|code|headers|response\s+status)(?:\s+(?:it\s+)?(?:returns|returned|gives|gave|was|is|you\s+get|you\s+got))?|(?:tell|show)\s+me\s+what\s+(?:status|code|status\s+code)\s+(?:it\s+)?(?:returns|returned|gives|gave|sends|sent)|(?:let\s+me\s+know|tell\s+me)\s+(?:if|whether)\s+it\s+(?:worked|works|succeeded|is\s+up|answers|answered))\s*[.!?]*$/i;
/** A clause that fetches: an address with its scheme, a fetching command, or "hit 127.0.0.1:8080/x". */
const FETCHED =
  /(?:https?:\/\/|\bcurl\b|\bwget\b|\bfetch\b|^(?:hit|get|grab|request|query|call|ping|load|open|retrieve|pull)\s+(?:the\s+(?:url|page|endpoint|address)\s+)?(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|www\.|[\w-]+(?:\.[\w-]+)+(?::\d+|\/)))/i;
/** After a search, asking how many: "count them", "how many are there". */
const COUNT_BACK =
  /^(?:count\s+(?:them|those|it|the\s+(?:matches|results|hits|occurrences))(?:\s+up)?|(?:(?:tell|show|give)\s+me\s+)?(?:count\s+)?how\s+many(?:\s+(?:there\s+are|are\s+there|of\s+them|matches|times|results|hits|lines)(?:\s+(?:there\s+are|are\s+there|it\s+found|you\s+found|came\s+up))?)?|(?:tell|show|give)\s+me\s+the\s+(?:count|number|total|tally)(?:\s+of\s+(?:them|matches|hits|results))?)\s*[.!?]*$/i;

/**
 * "and show me the file", "then print that file", "let me see the result": the one thing the
 * clause before touched, said as a noun; read as "it" (a plural, "the files", stays as said).
 */
const THE_ONE =
  /^(?:let\s+me\s+(?:see|look\s+at|view|read)|show(?:\s+me)?|print|display|open|read|cat|view)\s+(?:the|that|this)\s+(?:(?:new|[a-z]+ed)\s+)?(?:file|result|copy|output|outcome|version)\s*[.!?]*$/i;

/** After files were found, asking their size or age: what the listing already shows. */
const SIZE_BACK =
  /^(?:(?:tell|show|give)\s+me\s+)?(?:how\s+(?:big|large|old|heavy)\s+(?:it|they|that|those)\s+(?:is|are)|how\s+(?:big|large|old)\s+(?:is\s+it|are\s+they)|(?:its|their)\s+(?:sizes?|ages?|dates?)|the\s+sizes?(?:\s+of\s+(?:it|them))?|when\s+(?:it|they)\s+(?:was|were)\s+(?:last\s+)?(?:modified|changed))\s*[.!?]*$/i;

export function splitClauses(request: string): string[] {
  // Quoted text is content, never a clause boundary: mask it while splitting.
  const quotes: string[] = [];
  const masked = request.replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, (m) => {
    quotes.push(m);
    return `\u0000${quotes.length - 1}\u0000`;
  });
  const unmask = (s: string) => s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => quotes[Number(i)]);
  const parts = masked
    .split(SPLIT)
    .map((p, i) =>
      unmask((i > 0 ? p.replace(LATER, '') : p).replace(HURRY, ''))
        .replace(POLITE, '')
        .trim(),
    )
    .filter(Boolean);
  // "the json file, show it": a clause that is only what to act on is the object of the next.
  // (a command typed as such is a verb too: "wget URL -O y.txt and read it out")
  const startsWithVerb = new RegExp(
    `^(?:${VERBS}|wget|curl|mkdir|touch|rm|cp|mv|ls|du|df|ps|git|npm|pull|grab|snag|retrieve|hit|request|load)\\b`,
    'i',
  );
  for (let i = 0; i + 1 < parts.length; i++) {
    const next = /^(.+?)\s+(?:it|them|those|these)\b(.*)$/i.exec(parts[i + 1]);
    if (next && startsWithVerb.test(next[1]) && !startsWithVerb.test(parts[i]))
      parts.splice(i, 2, `${next[1]} ${parts[i]}${next[2]}`);
  }
  // "get http://… and save it as status.json": saving what was fetched is part of the fetch.
  for (let i = parts.length - 1; i > 0; i--)
    if (
      /^(?:save|store|write|put|keep)\s+(?:it|that|this|the (?:page|file|result|response|output))\b/i.test(
        parts[i],
      ) &&
      /\b(?:https?:\/\/|curl|wget|fetch|download|get)\b/i.test(parts[i - 1])
    )
      parts.splice(i - 1, 2, `${parts[i - 1]} and ${parts[i]}`);
  // "get http://… and tell me what it says": a fetch shows what it got; nothing more to do.
  // (after one saved to a file, "read it to me" reads that file)
  for (let i = parts.length - 1; i > 0; i--)
    if (SHOW_FETCHED.test(parts[i]) && FETCHED.test(parts[i - 1])) {
      if (/(?:^|\s)(?:to|into|as|-o|-O|--output)\s+\S+\.[a-z0-9]+\s*$/i.test(parts[i - 1]))
        parts[i] = 'show it';
      else parts.splice(i, 1);
    }
  // "find the biggest file and tell me how big it is": the listing shows each size
  for (let i = parts.length - 1; i > 0; i--)
    if (SIZE_BACK.test(parts[i]) && /^(?:find|show|list|locate|get|what|which)\b/i.test(parts[i - 1]))
      parts.splice(i, 1);
  // "search for TODO and count how many there are": the occurrences of what was searched for
  for (let i = 1; i < parts.length; i++) {
    const searched = /^(?:search|look|grep|find)(?:\s+for)?\s+(.+)$/i.exec(parts[i - 1]);
    if (searched && COUNT_BACK.test(parts[i]))
      parts[i] =
        `count occurrences of ${searched[1]}${/\b(?:in|inside|under|within)\s/i.test(searched[1]) ? '' : ' everywhere'}`;
  }
  for (let i = 1; i < parts.length; i++) if (THE_ONE.test(parts[i])) parts[i] = 'show it';
  // "search and replace": a clause that is only a verb belongs to the next one.
  const out: string[] = [];
  for (const p of parts) {
    if (out.length > 0 && out[out.length - 1].split(/\s+/).length < 2) out[out.length - 1] += ` and ${p}`;
    else out.push(p);
  }
  return out.length > 0 ? out : [request.replace(POLITE, '').trim() || request.trim()];
}
