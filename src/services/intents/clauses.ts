/**
 * The leading clause of a compound request. Requests put what is asked first and what it is for
 * after a "to": in "remind me to email bob" the request is a reminder, not an email; in "I need
 * a reminder to pay rent" it is a reminder, not a payment. The router weighs the leading clause
 * beside the whole message, so the purpose clause's words do not carry it off to their handler.
 *
 * @example
 * leadingClause('remind me to email bob tomorrow');   // 'remind me'
 * leadingClause('send 50 dollars to mike');           // 'send 50 dollars' (weighed, never alone)
 * leadingClause('directions to the museum');          // undefined: "to the" starts no clause
 */

// After these, "to" is a preposition ("to the station", "to my sister"), not the start of a clause.
const NOT_A_CLAUSE = new Set(
  'the a an my your his her our their its this that these those me you him them us it'.split(' '),
);

// A question asks about what follows its "to" ("how long does it take to cycle to work"): its
// opening is no request of its own. A polite request ("could you remind me to …") is not one.
const QUESTION = /^(how|what|what's|whats|which|when|where|who|why)\b/i;

/** The words before the first "to" that starts a clause, when there are at least two of them. */
export function leadingClause(text: string): string | undefined {
  const m = /^(.+?)\s+to\s+([\p{L}']+)(\s+list)?/iu.exec(text.trim());
  if (!m || NOT_A_CLAUSE.has(m[2].toLowerCase())) return undefined;
  // "my to do list" is a thing, not a purpose
  if (m[2].toLowerCase() === 'do' && m[3]) return undefined;
  if (QUESTION.test(m[1].trim())) return undefined;
  const head = m[1].trim();
  return head.split(/\s+/).length >= 2 ? head : undefined;
}
