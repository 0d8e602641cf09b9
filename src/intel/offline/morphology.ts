/**
 * A noun looked for in the plural ("which files mention databases", "search for errors") is
 * the word in any number: the search looks for its stem, which finds "database" and
 * "databases" alike ("libraries" looks for "librar", so "library" is found too). Only a plain
 * word typed unquoted is read this way; a quoted text is looked for exactly as typed.
 *
 * @example
 * stemOfPlural('databases'); // 'database'
 * stemOfPlural('status');    // undefined (not a plural)
 */

/** Words ending in s that are not plurals of a shorter word. */
const NOT_PLURAL =
  /(?:ss|us|is|ous|ics|news|series|species|always|perhaps|whereas|towards|afterwards|sometimes|pants|scissors|chaos|canvas|alias|atlas|bias|gas|yes|this|has|was|does|goes)$/i;

/** The stem of a plural noun, or undefined when the word is no plural. */
export function stemOfPlural(word: string): string | undefined {
  if (!/^[A-Za-z]{4,}s$/.test(word) || NOT_PLURAL.test(word)) return undefined;
  if (/ies$/i.test(word)) return word.slice(0, -3);
  if (/(?:ches|shes|xes|zes|sses)$/i.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}
