/**
 * "go into logs and tell me which file there is biggest", "cd docs, then list the pdfs": a
 * folder entered first is where the rest of the request acts. Atlas keeps no working folder
 * between requests, so the folder is carried into what follows: "there" and "here" become
 * "in logs", and a clause that says no place of its own gets one. Read over the whole request
 * before it is split into clauses.
 *
 * @example
 * goInto('go into logs and tell me which file there is biggest'); // 'tell me which file in logs is biggest'
 */

const ENTER =
  /^(?:(?:please|pls|ok|okay|now|first)\s+)*(?:(?:go|cd|step|hop|jump|navigate|head|change\s+(?:dir(?:ectory)?|folder))\s+(?:(?:in)?to\s+|inside\s+|in\s+|over\s+to\s+)?(?:the\s+|my\s+)?([\w.~/-]+?)\/?(?:\s+(?:folder|directory|dir))?|open\s+(?:up\s+)?(?:the\s+|my\s+)?([\w.~/-]+?)\/?\s+(?:folder|directory|dir))(?:\s*[,;]\s*(?:and\s+)?(?:then\s+)?|\s*&&?\s*|\s+and\s+(?:then\s+)?|\s+then\s+)(?!(?:folder|directory|dir)\b)(.+)$/i;

/** A place said in the rest ("in docs", "from src"): the rest already says where. */
const OWN_PLACE = /\b(?:in|inside|from|under|within)\s+(?!(?:there|here|it|this|that)\b)\S+/i;

/** `request` with a folder entered first carried into what follows. */
export function goInto(request: string): string {
  const m = ENTER.exec(request.trim());
  if (!m) return request;
  const folder = m[1] ?? m[2];
  const rest = m[3];
  if (/^(?:back|home|up|the\s+parent)$/i.test(folder)) return request;
  if (/\b(?:there|here)\b/i.test(rest)) return rest.replace(/\b(?:in\s+)?(?:there|here)\b/i, `in ${folder}`);
  if (OWN_PLACE.test(rest)) return request;
  return `${rest.replace(/\s*[?.!]+$/, '')} in ${folder}`;
}
