/**
 * The topic said first, then what to do with it: "report.pdf - how many bytes is it", "foo -
 * how often is it in notes.txt?", "Bob: which files mention him", "big.bin: how big?". The
 * pronoun of the rest is the topic, so the topic takes its place ("how many bytes is
 * report.pdf"); a word that is not a file name is text, quoted («foo»), so it is looked for and
 * never read as a request of its own. A file said first with a bare question and no pronoun
 * ("notes.txt: word count?") is what the question is about. Applied to one clause, normalised,
 * before the other rewrites (questions.ts, idioms.ts) read it in their usual order.
 *
 * @example
 * topicFirst('_f0_ - how many bytes is it');   // 'how many bytes is _f0_'
 * topicFirst('foo - how often is it in _f0_?'); // 'how often is «foo» in _f0_?'
 */

/** The topic: a file, address or quoted text, "the X folder/file", or one to three plain words. */
const TOPIC =
  '(_[fquh]\\d+_|(?:the\\s+|my\\s+)?[\\w.-]+\\s+(?:folder|directory|dir|file)|(?:the\\s+(?:word|text|string)\\s+)?[\\w@#.$/-]+(?:\\s+[\\w@#.$/-]+){0,2}?)';
/** Between the topic and the rest: a colon, a comma, a dash or an arrow. */
const SEP = '(?:\\s*[:,;]\\s*|\\s+(?:-{1,2}|–|—|->|=>)\\s+)';
/** How a question starts. */
const ASKS =
  /^(?:how|what|what's|whats|which|where|when|who|whose|is|are|was|were|does|do|did|has|have|can|could|any|anything|tell|show|give|count|list|find|size|word|line|total|number)\b/i;
/** Pronouns that stand for the topic. */
const PRONOUN = /\b(?:it|he|she|him|her|them|they|this|that one)\b/i;
/** Words that begin a request, never a topic: "delete: ..." is not about a file named delete. */
const NOT_TOPIC =
  /^(?:please|pls|ok|okay|so|and|then|also|now|hey|hi|yes|no|delete|remove|move|copy|rename|show|list|find|count|kill|stop|start|create|make|write|append|replace|change|fix|update|zip|unzip|tar|git|npm|in|inside|for|on|at|to|from|with|note|question|q|quick question|btw|fyi|the)$/i;

const BARE_SIZE =
  /^(?:how\s+(?:big|large|heavy|huge)|what\s+size|size|file\s*size|size\s+in\s+bytes|bytes|how\s+many\s+bytes)\s*\??$/i;

/** `text` (one clause, normalised) with a topic said first put where its pronoun is. */
export function topicFirst(text: string): string {
  const m = new RegExp(`^${TOPIC}${SEP}(.+)$`, 'i').exec(text.trim());
  if (!m) return text;
  const [, topic, rest] = m;
  if (NOT_TOPIC.test(topic.trim()) || /^_f\d+_$/.test(rest.trim())) return text;
  const placeholder = /^_[fquh]\d+_$/.test(topic) || /\s(?:folder|directory|dir|file)$/i.test(topic);
  // a word said first is text ("foo - how often is it"), unless the rest names no file at all
  const said = placeholder ? topic : `«${topic.replace(/^the\s+(?:word|text|string)\s+/i, '')}»`;
  if (PRONOUN.test(rest)) {
    if (!ASKS.test(rest) && !placeholder) return text;
    return rest
      .replace(/\bits\s+([a-z]+)\b/i, `the $1 of ${said}`)
      .replace(/\b(?:it|he|she|him|her|them|they|this|that one)\b/i, said);
  }
  if (!/^_f\d+_$/.test(topic) || !ASKS.test(rest) || /_f\d+_/.test(rest)) return text;
  // "big.bin: how big?", "report.pdf - size in bytes": the size of the file
  if (BARE_SIZE.test(rest.trim())) return `how big is ${topic}`;
  return `${rest.replace(/\s*\?+\s*$/, '')} of ${topic}`;
}
