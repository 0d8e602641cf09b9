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
  listed(u);
  // "where is the mp3", "find the json": one file of that kind looked for, named by its kind
  const lone =
    /^(?:where (?:is|are)|find|locate|look for|search for)\s+(?:the|a|an|any|my)\s+([a-z0-9]+)(?=\s*\??$|\s+(?:in|under|inside)\s)/.exec(
      u.text,
    );
  if (lone && FILE_EXTS.has(lone[1])) addExt(u, lone[1]);
  const words = u.text.split(' ').map((w) => w.replace(/[?!.,;:]+$/, ''));
  let modifier = false;
  words.forEach((w, i) => {
    const next = words[i + 1] ?? '';
    if (/^(?:in|inside|under|into|to|from|within)$/.test(words[i - 1] ?? '')) return; // "in logs" is a place
    // "to my videos": a place too ("in my txt files" stays a kind)
    if (
      /^(?:my|our)$/.test(words[i - 1] ?? '') &&
      /^(?:in|inside|under|into|to|from|within)$/.test(words[i - 2] ?? '') &&
      !/^(?:files?|documents?|scripts?|sources?)$/.test(next)
    )
      return;
    if (/^(?:named|called|folder|directory|dir)$/.test(words[i - 1] ?? '')) return; // "a folder named photos" names it
    // "hello.js which logs hi", "a script that logs it": a verb of the file made
    if (
      /^(?:which|that)$/.test(words[i - 1] ?? '') &&
      /^(?:_f\d+_|scripts?|programs?|files?)$/.test(words[i - 2] ?? '')
    )
      return;
    // "archive files older than 30 days": the verb that starts a request is not a kind of file.
    if (i === 0 && /^(?:archive|zip|tar|backup|compress|pack|bundle)$/.test(w)) return;
    // ".png pictures", "jpg photos": the extension said is the kind; the kind word only names it
    const before = words[i - 1] ?? '';
    const kindOf = KIND_WORDS[w] ?? KIND_WORDS[w.replace(/s$/, '')];
    const exact = before === '_ext_' ? '_ext_' : extWord(before);
    if (kindOf && exact && (exact === '_ext_' || kindOf.includes(exact))) {
      if (exact !== '_ext_') addExt(u, exact);
      modifier = false;
      return;
    }
    // In "pdf documents" the kind is "pdf"; "documents" only names them.
    const wasModifier = modifier;
    modifier = false;
    if (wasModifier) return;
    // "the config file": one file named by its kind (names.ts finds which), not a selection of
    // every extension of the kind, so a config.json here covers what was said
    if (next === 'file' && before === 'the' && KIND_WORDS[w] && KIND_WORDS[w].length > 1) return;
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
    // "my docs in Downloads": with another place said, docs are documents, not the docs folder
    if (
      w === 'docs' &&
      /\b(?:my|all|the|any)\s+docs\s+(?:in|from|inside|under)\s+(?:my\s+|the\s+)?(?!docs\b)[\w~]/.test(u.text)
    ) {
      for (const e of KIND_WORDS.doc) addExt(u, e);
      return;
    }
    if (!w.endsWith('s') || w.length < 3 || BARE_PLURAL_EXCLUDED.has(w)) return;
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
  'presentation',
  'slide',
  'ebook',
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

/** "pdf" or "pdfs" as the extension it names, else undefined. */
function extWord(w: string): string | undefined {
  if (FILE_EXTS.has(w)) return w;
  return w.length > 3 && w.endsWith('s') && FILE_EXTS.has(w.slice(0, -1)) ? w.slice(0, -1) : undefined;
}

/**
 * Extensions named as such, exactly: "every jpg", "any pdf", "jpg or png", "csv, tsv and
 * json": a lone extension after a quantifier, or two or more joined by or/and/commas. Exactly
 * those: "jpg" is not also "jpeg".
 */
function listed(u: Utterance): void {
  const words = u.text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const run: string[] = [];
    let j = i;
    for (;;) {
      const w = words[j]?.replace(/[?!.;:]+$/, '');
      const e = w === undefined ? undefined : extWord(w.replace(/,$/, ''));
      if (!e) break;
      run.push(e);
      const joiner = words[j + 1];
      if (w.endsWith(',')) j += 1;
      else if (joiner === 'or' || joiner === 'and' || joiner === ',') j += 2;
      else break;
    }
    const quantified = /^(?:every|each|any|all|only)$/.test(words[i - 1] ?? '');
    if (run.length >= 2 || (run.length === 1 && quantified)) for (const e of run) addExt(u, e);
    if (run.length > 0) i = j;
  }
}
