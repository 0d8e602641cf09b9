/**
 * Kinds of files in a request: "pdf files", "pdfs", "images", "log files", "the newest pdf"
 * become the extensions they mean; "the logs folder", "a folder named photos", "in logs" are
 * places and names, not kinds.
 */
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';
import type { Utterance } from './parse.ts';

function addExt(u: Utterance, e: string): void {
  if (!u.exts.includes(e)) u.exts.push(e);
}

/** "pdf files", "pdfs", "images", "log files", "markdown documents". */
export function kinds(u: Utterance): void {
  const words = u.text.split(' ').map((w) => w.replace(/[?!.,;:]+$/, ''));
  let modifier = false;
  words.forEach((w, i) => {
    const next = words[i + 1] ?? '';
    if (/^(?:in|inside|under|into|to|from|within)$/.test(words[i - 1] ?? '')) return; // "in logs" is a place
    if (/^(?:named|called|folder|directory|dir)$/.test(words[i - 1] ?? '')) return; // "a folder named photos" names it
    // "archive files older than 30 days": the verb that starts a request is not a kind of file.
    if (i === 0 && /^(?:archive|zip|tar|backup|compress|pack|bundle|log)$/.test(w)) return;
    // In "pdf documents" the kind is "pdf"; "documents" only names them.
    const wasModifier = modifier;
    modifier = false;
    if (wasModifier) return;
    if (/^(files?|documents?|scripts?|sources?)$/.test(next)) {
      const kind = KIND_WORDS[w] ?? KIND_WORDS[w.replace(/s$/, '')];
      if (kind) for (const e of kind) addExt(u, e);
      else if (FILE_EXTS.has(w)) addExt(u, w);
      modifier = kind !== undefined || FILE_EXTS.has(w);
      return;
    }
    if (/^(folders?|directory|directories|dirs?)$/.test(next)) return; // "the logs folder" is a place
    if (w === 'music' || w === 'audio') {
      for (const e of KIND_WORDS[w]) addExt(u, e);
      return;
    }
    if (!w.endsWith('s') || w.length < 4 || BARE_PLURAL_EXCLUDED.has(w)) return;
    const singular = w.slice(0, -1);
    const kind = KIND_WORDS[singular];
    if (kind && BARE_KINDS.has(singular)) for (const e of kind) addExt(u, e);
    else if (FILE_EXTS.has(singular) && !kind && singular.length >= 2) addExt(u, singular);
    else if (kind && FILE_EXTS.has(singular)) for (const e of kind) addExt(u, e);
  });
}

/** Plural words that name a kind of file on their own ("delete the screenshots"). */
const BARE_KINDS = new Set([
  'image',
  'photo',
  'picture',
  'pic',
  'screenshot',
  'video',
  'movie',
  'song',
  'document',
  'spreadsheet',
  'archive',
  'zip',
  'tarball',
  'log',
  'pdf',
  'csv',
  'backup',
]);
const BARE_PLURAL_EXCLUDED = new Set([
  'docs',
  'files',
  'pages',
  'keys',
  'numbers',
  'bins',
  'tests',
  'libs',
  'olds',
]);
