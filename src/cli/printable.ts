/**
 * Text from agents, files and models on its way to the operator's terminal. An agent's log
 * line or result, a file's content or a commit subject can hold escape sequences that move
 * the cursor, rewrite the screen, retitle the window, set the clipboard (OSC 52) or forge a
 * hyperlink. Every line the CLI prints goes through here: control characters other than
 * newline, tab and CRLF — C0 (ESC, BEL, a lone CR, …), DEL, C1 (CSI as one character, …) — and the
 * bidirectional overrides that reorder what is shown come out as visible `\u00XX` escapes.
 * The same escapes inside a JSON string are the same JSON value, so --json output stays valid.
 *
 * @example
 * printable('\x1b[2Jgone');   // '\\u001b[2Jgone'
 */

// A CR just before a newline (Windows line ends) only ends the line; elsewhere it lets text overwrite it.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** `text` with every terminal control character written as a visible \u escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
