/**
 * sed's substitution, read exactly or not at all. "s/foo/bar/" replaces the first match on each
 * line and "s/foo/bar/g" every match (with "i" or "I", in any case); the expression is said again
 * as words ("replace 'foo' with 'bar'") so the replace rule reads it like any other request. What
 * a literal replace cannot do as sed would — a pattern with regular-expression characters, "&" or
 * a back-reference in the replacement, another flag ("2", "p", "w"), another command ("/x/d",
 * "3d", "y/…/…/"), options other than -i ("-n", "-E", "-i.bak") — is `unsupported`, and the
 * request is asked about, never approximated.
 *
 * @example
 * readSed(' sed -i s/foo/bar/ notes.txt ');
 * // { text: ' sed -i replace "foo" with "bar" notes.txt ', sed: { firstPerLine: true } }
 */

export type SedReading = { firstPerLine: boolean } | { unsupported: string };

const SED =
  /(^|\s)(["'`]?)s([/|#,])((?:\\.|(?!\3)[^\n])+)\3((?:\\.|(?!\3)[^\n])*)\3([a-zA-Z0-9]*)\2(?=\s|$)/g;

/** Characters a sed pattern (basic regular expression) does not take literally. */
const PATTERN_SPECIAL = /[.[\]*^$]|\\[^/|#,]/;
/** In the replacement: the whole match, a group, an escape. */
const REPLACEMENT_SPECIAL = /(?<!\\)&|\\[0-9nt]/;

/** The options before the expression: only -i (in place, no backup) is read exactly. */
const OPTIONS =
  /^\s*(?:(?:please|pls|plz|now|just|run|execute|do|can|could|would|you|u)\s+)*sed\s+((?:-{1,2}[\w.=-]*\s+)*)\S/i;

function unsupported(what: string): string {
  return `sed's ${what} cannot be done exactly by a plain replace, so nothing was changed; say it in words, for example: replace 'foo' with 'bar' in notes.txt`;
}

/**
 * `text` with each sed substitution said as words, and how it must be done: the first match on
 * each line or all, or `unsupported` with what Atlas cannot do exactly.
 */
export function readSed(text: string): { text: string; sed?: SedReading } {
  let sed: SedReading | undefined;
  const said = text.replace(
    SED,
    (_m, lead: string, _q: string, _d: string, from: string, to: string, flags: string) => {
      const plain = (t: string) => t.replace(/\\(.)/g, '$1');
      const q = (t: string) => (t.includes('"') ? `'${t}'` : `"${t}"`);
      const odd = flags.replace(/[giI]/g, '');
      if (odd !== '') sed = { unsupported: unsupported(`flag '${odd}'`) };
      else if (PATTERN_SPECIAL.test(from)) sed = { unsupported: unsupported(`pattern '${from}'`) };
      else if (REPLACEMENT_SPECIAL.test(to)) sed = { unsupported: unsupported(`replacement '${to}'`) };
      else if (!sed) sed = { firstPerLine: !flags.includes('g') };
      return `${lead}replace ${q(plain(from))} with ${q(plain(to))}${/[iI]/.test(flags) ? ' case-insensitively' : ''}`;
    },
  );
  const command = OPTIONS.exec(said);
  if (command) {
    const options = command[1].trim().split(/\s+/).filter(Boolean);
    const other = options.find((o) => o !== '-i' && o !== '--in-place');
    if (other) return { text: said, sed: { unsupported: unsupported(`option '${other}'`) } };
    // "sed -i '/foo/d' notes.txt", "sed 3d x": a command other than a substitution
    if (!sed) return { text: said, sed: { unsupported: unsupported('command') } };
  }
  return { text: said, ...(sed ? { sed } : {}) };
}
