/**
 * Offline rules for the files tool that look: ranked and filtered listings, reading and
 * inspecting a file, duplicates, and the disk usage of a tree.
 */
import { basename, dirname } from 'node:path';
import { FILE_EXTS, KIND_WORDS } from '../lexicon.ts';
import { capture, has, restore, type Utterance } from '../parse.ts';
import {
  type Draft,
  dirNamed,
  named,
  place,
  type Rule,
  type RuleContext,
  recursion,
  selection,
} from '../rule.ts';
import { CHANGES, DELETE, drafts, NOT_FILES, SHOW } from './files-shared.ts';

const BIG =
  /\b(?:biggest|largest|heaviest|fattest|hugest|bulkiest|most massive|largest-?sized)\b|\b(?:large|big|huge) files\b|\bfiles (?:that are )?(?:large|big|huge)\b/;
const SMALL = /\b(?:smallest|tiniest|lightest)\b/;
const NEW =
  /\b(?:newest|latest|most recent(?:ly (?:modified|changed|edited|updated|created))?|most recently|recently (?:modified|changed|edited|updated|created|touched)|recent|freshest)\b|\blast (?:file |one |thing )?(?:i|we|you) (?:changed|modified|edited|touched|updated|saved|worked on)\b|\b(?:modified|changed|edited|updated|touched|saved) (?:last|most recently)\b/;
const OLD = /\b(?:oldest|least recently (?:modified|changed|used))\b/;

/** How many of a ranked listing: the count asked, else 1 for "the biggest file", else 10. */
function howMany(u: Utterance): number {
  if (u.count !== undefined) return u.count;
  if (
    has(
      u,
      /\bthe (?:single |one )?(?:biggest|largest|smallest|newest|oldest|latest|most recent|heaviest) (?:file|one|thing|item|entry)\b(?!s)/,
    )
  )
    return 1;
  if (has(u, /\b(?:file|one)\b/) && !has(u, /\b(?:files|ones)\b/)) return 1;
  return 10;
}

const largest: Rule = {
  id: 'files.find:ranked',
  examples: [
    'show the 5 biggest files here',
    'what are the three newest files in src',
    'list the smallest pdfs',
  ],
  score(u) {
    if (!(has(u, BIG) || has(u, SMALL) || has(u, NEW) || has(u, OLD))) return 0;
    if (has(u, /\b(?:folders?|directories|dirs|subfolders)\b/) && !has(u, /\bfiles?\b/)) return 0;
    if (has(u, /\b(?:commits?|processes|process|packages?|branch|lines?)\b/)) return 0;
    if (has(u, DELETE) || has(u, /\b(?:move|copy|zip|compress|archive)\b/)) return 6;
    return 9;
  },
  build(u, c) {
    const sort = has(u, BIG) || has(u, SMALL) ? 'size' : 'mtime';
    const order = has(u, SMALL) || has(u, OLD) ? 'asc' : 'desc';
    const sel: Record<string, unknown> = selection(u, c, { recursive: true }) ?? {
      path: place(u, c),
      recursive: recursion(u, true),
    };
    const args: Record<string, unknown> = { ...sel, sort, order, limit: howMany(u) };
    const what =
      sort === 'size' ? (order === 'desc' ? 'largest' : 'smallest') : order === 'desc' ? 'newest' : 'oldest';
    const list: Draft[] = [{ tool: 'files', action: 'find', args, why: `the ${what} files` }];
    return drafts(`Show the ${args.limit} ${what} files in ${String(args.path)}`, list);
  },
};

const TOTAL = /\b(?:total|combined|overall) size\b|\bhow (?:big|large) are\b|\bhow much (?:space|room) do\b/;

const find: Rule = {
  id: 'files.find',
  examples: [
    'find all pdf files',
    'list files over 100 MB',
    'find log files older than 7 days',
    'where is notes.txt',
  ],
  score(u, c) {
    if (
      has(u, NOT_FILES) ||
      has(
        u,
        /\b(?:contain(?:s|ing)?|mention(?:s|ing)?|lines?|words?(?!\s+(?:documents?|files?|docs?)\b)|grep)\b/,
      )
    )
      return 0;
    const sel = selection(u, c, { recursive: true });
    if (has(u, /\bwhere (?:is|are|did)\b|\blocate\b/) && (u.files.length > 0 || u.quoted.length > 0 || sel))
      return 8;
    if (!sel) {
      if (has(u, /\b(?:find|search for|look for|locate)\b/) && (u.files.length > 0 || u.quoted.length > 0))
        return 7;
      if (has(u, /\bhow many (?:files|folders|directories|entries|items)\b/)) return 7;
      return has(
        u,
        /\b(?:find|search for|look for|locate|where is)\s+(?:the\s+|a\s+|any\s+)?(?:files? |folders? |directory |directories |dirs? |anything |something )?(?:named|called)\b/,
      )
        ? 7
        : 0;
    }
    if (has(u, SHOW) || has(u, /^(?:all |any )?(?:_ext_ |[a-z0-9]+ )?files\b/)) return 7;
    // "total size of all the pdfs": the listing's total answers it
    if (has(u, TOTAL)) return 7;
    // "pdfs?", "images": a kind of file on its own is a question about those files
    if (u.exts.length > 0 && has(u, /^(?:all |any |the |my )?[a-z0-9]+s\??$/)) return 6;
    // "logs from this week", "pdfs over 1 mb in docs": a kind with its filter, no verb
    const first = /^(?:all |any |the |my )?(_ext_|[a-z0-9]+)\b/.exec(u.text)?.[1] ?? '';
    const kindFirst =
      first === '_ext_' ||
      KIND_WORDS[first] ||
      KIND_WORDS[first.replace(/s$/, '')] ||
      FILE_EXTS.has(first.replace(/s$/, ''));
    if (u.exts.length > 0 && kindFirst && !has(u, CHANGES)) return 6;
    return 4;
  },
  build(u, c) {
    const sel: Record<string, unknown> = selection(u, c, { recursive: true }) ?? {
      path: place(u, c),
      recursive: recursion(u, true),
    };
    if (!sel.name && (u.files.length > 0 || u.quoted.length > 0) && !sel.ext) {
      const target = u.files[0] ?? u.quoted[0];
      sel.name = basename(target);
      if (dirname(target) !== '.' && c.isDir(dirname(target))) sel.path = dirname(target);
    }
    if (
      has(u, /\bhow many (?:folders|directories)\b|\b(?:folders|directories|subfolders)\b/) &&
      !u.exts.length
    )
      sel.type = 'dir';
    // "the folder called logs": a folder's name is a filter of the search, not a place
    const called = capture(u, /\b(?:folder|directory|dir)\s+(?:named|called)\s+(_q\d+_|[\w.-]+)/);
    if (called && !sel.name) Object.assign(sel, { name: restore(u, called), path: '.', type: 'dir' });
    if (has(u, /\bsorted by (?:size|how big)\b|\bby size\b/)) Object.assign(sel, { sort: 'size' });
    else if (has(u, /\bsorted by (?:date|time|age)\b|\bby date\b/)) Object.assign(sel, { sort: 'mtime' });
    else if (has(u, /\bsorted by name\b|\balphabetical/)) Object.assign(sel, { sort: 'name' });
    if (u.count !== undefined && has(u, /\b(?:top|first)\b/)) Object.assign(sel, { limit: u.count });
    return drafts(`Find files in ${String(sel.path)}`, [
      { tool: 'files', action: 'find', args: sel, why: 'match the files' },
    ]);
  },
};

/** "the archive folder" when an earlier clause makes it: the folder it fills. */
function folderSaid(u: Utterance, c: RuleContext): string | undefined {
  const word = /\b(?:the |my )?([a-z0-9][\w.-]*) (?:folder|directory|dir)\b/.exec(u.text)?.[1];
  const dir = word ? dirNamed(word, u, c) : undefined;
  return dir && dir === c.previous?.into ? dir : undefined;
}

const list: Rule = {
  id: 'files.list',
  examples: ['list the files here', 'what is in the src folder', 'show hidden files'],
  score(u, c) {
    if (has(u, NOT_FILES) || has(u, /\b(?:disk|memory|cpu|ports?|commits?|log)\b/)) return 0;
    const lists =
      /\b(?:list|ls|show|display|what is in|what do (?:i|we) have in|contents of|what files|what is here|which files|see)\b|\b(?:sort|order)\b.*\bby (?:size|date|age|name)\b/;
    if (!has(u, lists)) return 0;
    // "copy the csv there, then show me what's in it": the folder just filled, not the copy
    if (
      c.previous?.into &&
      has(u, /\b(?:what is|what's|whats|what do (?:i|we) have) (?:in|inside) (?:it|there)\b/)
    )
      return 10;
    const obj = named(u, c);
    // a folder here, or the one the previous clause fills
    if (obj.paths.length > 0 && !obj.paths.every((p) => c.isDir(p) || p === c.previous?.into)) return 0;
    if (selection(u, c, { recursive: true })) return 3;
    return 6;
  },
  build(u, c) {
    // "copy the csv there, then show me what's in it": the folder the previous clause filled
    const filledBefore =
      c.previous?.into && has(u, /\b(?:in|inside) (?:it|there|that (?:folder|directory|dir))\b/)
        ? c.previous.into
        : undefined;
    const obj = named(u, c).paths.find((p) => c.isDir(p)) ?? folderSaid(u, c) ?? filledBefore;
    const path = obj ?? place(u, c);
    const args: Record<string, unknown> = { path };
    if (has(u, /\bhidden|dot ?files|all files including\b/)) args.hidden = true;
    // "list folders only", "show the folders here", "the subfolders of src": the folders, not
    // the files ("the files in the docs folder" names a place)
    if (
      (has(
        u,
        /(?<!\b(?:in|inside|of|from|under|within|into)\s+(?:the\s+|all\s+(?:the\s+)?|these\s+|those\s+|my\s+)?)\b(?:sub)?(?:folders|directories|dirs|subdirectories)\b/,
      ) ||
        has(
          u,
          /\b(?:list|names?|set)\s+of\s+(?:all\s+)?(?:the\s+)?(?:sub)?(?:folders|directories|dirs)\b/,
        )) &&
      !has(u, /\bfiles?\b/)
    )
      return drafts(`The folders in ${path}`, [
        {
          tool: 'files',
          action: 'find',
          args: { path, type: 'dir', recursive: false, ...(args.hidden ? { hidden: true } : {}) },
          why: 'list the folders',
        },
      ]);
    if (has(u, /\brecursive(?:ly)?|all subfolders|everything below|whole tree\b/)) {
      return drafts(`List everything below ${path}`, [
        {
          tool: 'files',
          action: 'find',
          args: { path, type: 'any', recursive: true, ...(args.hidden ? { hidden: true } : {}) },
          why: 'list the tree',
        },
      ]);
    }
    const sort = has(u, /\b(?:sorted|ordered|sort|order) by (?:size|how big)\b|\bby size\b/)
      ? 'size'
      : has(u, /\b(?:sorted|ordered|sort|order) by (?:date|time|age|modification)\b|\bby date\b/)
        ? 'mtime'
        : undefined;
    if (sort)
      return drafts(`List ${path} by ${sort === 'size' ? 'size' : 'date'}`, [
        {
          tool: 'files',
          action: 'find',
          args: { path, type: 'any', recursive: false, sort, ...(args.hidden ? { hidden: true } : {}) },
          why: `list the directory by ${sort === 'size' ? 'size' : 'date'}`,
        },
      ]);
    return drafts(`List ${path}`, [{ tool: 'files', action: 'list', args, why: 'list the directory' }]);
  },
};

/** "copy notes.txt to docs and then show it": the one file the previous clause made. */
function itFile(u: Utterance, c: RuleContext): string | undefined {
  const p = c.previous?.paths;
  if (!c.previous?.chained || p?.length !== 1 || !/\b(?:it|that file|the copy)\b/.test(u.text))
    return undefined;
  return p[0].endsWith('/') || c.isDir(p[0]) ? undefined : p[0];
}

const read: Rule = {
  id: 'files.read',
  examples: ['show notes.txt', 'read the readme', 'what does todo.txt say', 'cat config.json'],
  score(u, c) {
    if (has(u, NOT_FILES)) return 0;
    if (
      !has(u, /\b(?:read|cat|open|show|display|print|view|what does|what is in|contents?|look at|see|peek)\b/)
    )
      return 0;
    const obj = named(u, c);
    if (obj.ambiguous) return 6;
    if (obj.paths.length === 0) return itFile(u, c) ? 8 : 0;
    if (obj.paths.every((p) => c.isDir(p))) return 0;
    if (has(u, /\b(?:lines?|words?|first|last|head|tail|top|bottom)\b/)) return 3;
    return 8;
  },
  build(u, c) {
    const obj = named(u, c);
    if (obj.ambiguous) {
      return { clarify: `Which '${obj.ambiguous.word}' do you mean: ${obj.ambiguous.options.join(', ')}?` };
    }
    const it = obj.paths.length === 0 ? itFile(u, c) : undefined;
    const list = it ? [it] : obj.paths.filter((p) => !c.isDir(p));
    return drafts(
      `Show ${list.join(', ')}`,
      list.map((path) => ({ tool: 'files', action: 'read', args: { path }, why: `show ${path}` })),
    );
  },
};

const stat: Rule = {
  id: 'files.stat',
  examples: ['info about report.pdf', 'when was notes.txt last modified', 'how big is data.csv'],
  score(u, c) {
    if (has(u, NOT_FILES)) return 0;
    const asks =
      /\b(?:info|information|details|metadata|stat|stats|properties|permissions|when was|how old is|last modified|modification (?:time|date)|size of|how big is|how large is|file size|is .* a (?:file|folder|directory))\b/;
    if (!has(u, asks)) return 0;
    const obj = named(u, c);
    if (obj.paths.length === 0) return obj.ambiguous ? 6 : 0;
    if (obj.paths.every((p) => c.isDir(p)) && has(u, /\b(?:size|big|large)\b/)) return 0;
    return 8;
  },
  build(u, c) {
    const obj = named(u, c);
    if (obj.ambiguous)
      return { clarify: `Which '${obj.ambiguous.word}' do you mean: ${obj.ambiguous.options.join(', ')}?` };
    return drafts(
      `Inspect ${obj.paths.join(', ')}`,
      obj.paths.map((path) => ({ tool: 'files', action: 'stat', args: { path }, why: `details of ${path}` })),
    );
  },
};

const duplicates: Rule = {
  id: 'files.duplicates',
  examples: ['find duplicate files', 'are there any duplicates here', 'delete duplicate files in photos'],
  score(u) {
    return has(u, /\bduplicates?\b|\bdupes\b|\bidentical files\b|\bsame content\b|\bduplicated\b/) &&
      !has(u, /^(?:please\s+)?duplicate\s+(?!files)/)
      ? 9
      : 0;
  },
  build(u, c) {
    const path = place(u, c);
    const list: Draft[] = [
      { tool: 'files', action: 'duplicates', args: { path }, why: 'compare file contents' },
    ];
    if (has(u, DELETE)) {
      list.push({ tool: 'files', action: 'delete', args: {}, why: 'keep one copy of each', fromDraft: 0 });
      return drafts(`Delete duplicate files in ${path}`, list);
    }
    return drafts(`Find duplicate files in ${path}`, list);
  },
};

const usage: Rule = {
  id: 'files.usage',
  examples: [
    'how much space does each folder use',
    "what's taking up space here",
    'disk usage of src',
    'how big is this folder',
  ],
  score(u, c) {
    if (has(u, /\b(?:free|left|available|remaining|partitions?|filesystems?|mounts?|disks)\b/)) return 0;
    // "how much space do the pdfs in docs take": the files of that kind, which find totals
    if (
      u.exts.length > 0 &&
      !has(u, /\b(?:each|per|every) (?:folder|directory|dir)\b/) &&
      // ("the logs" with a logs folder here is that folder; "the pdfs in docs" are pdfs)
      !named(u, c).paths.some(
        (p) =>
          c.isDir(p) &&
          !new RegExp(`\\b(?:in|inside|under|within) (?:the |my )?${p.toLowerCase()}\\b`).test(u.text),
      )
    )
      return 0;
    const spacey =
      /\b(?:disk usage|space used|used space|how much (?:disk )?(?:space|room)|taking up (?:the most |(?:all|most) (?:of )?(?:the |my )?|so much )?(?:disk )?space|taking (?:the most )?space|eating|hogging|using (?:the most )?space|uses? the most (?:disk )?space|takes? (?:up )?the most space|space hogs?|du)\b/;
    const local =
      /\b(?:here|this folder|this directory|each folder|per folder|every folder|subfolders|folders|directory|folder|_f\d+_)\b/;
    if (has(u, spacey) && (has(u, local) || place(u, c, '') !== '')) return 9;
    // "how much space does src take": a folder named outright
    if (has(u, spacey) && named(u, c).paths.some((p) => c.isDir(p))) return 9;
    // "what's taking up space": where the person is
    if (has(u, spacey) && !has(u, /\b(?:disk|computer|machine|system|drive|partition|server|home)\b/))
      return 8;
    if (
      has(u, /\b(?:how big|how large|size|total size)\b/) &&
      has(u, /\b(?:this folder|this directory|the folder|here)\b/)
    )
      return 9;
    if (has(u, /\b(?:how big|how large|size of|total size of)\b/)) {
      const obj = named(u, c).paths;
      if (obj.length > 0 && obj.every((p) => c.isDir(p))) return 9;
      // "how big is my Downloads folder": a folder of the home said by its name
      const where = place(u, c, '');
      if (obj.length === 0 && u.files.length === 0 && u.exts.length === 0 && where !== '' && c.isDir(where))
        return 9;
    }
    if (
      has(
        u,
        /\b(?:biggest|largest) (?:folders?|directories|subfolders)\b|\bwhich (?:folder|directory) is (?:the )?(?:biggest|largest)\b/,
      )
    )
      return 9;
    return 0;
  },
  build(u, c) {
    // "which is bigger, the docs folder or the src folder": each folder named
    const dirs = named(u, c).paths.filter((p) => c.isDir(p));
    const paths = dirs.length > 0 ? dirs : [place(u, c)];
    const limit = u.count !== undefined ? { limit: u.count } : {};
    return drafts(
      `Disk usage of ${paths.join(' and ')}`,
      paths.map((path) => ({
        tool: 'files',
        action: 'usage',
        args: { path, ...limit },
        why: 'measure each entry',
      })),
    );
  },
};

const ARCHIVE = /\.(?:zip|tar\.gz|tgz)$/i;

/** "what's inside archive.zip", "list the contents of backup.tar.gz": read, never unpacked. */
const archiveContents: Rule = {
  id: 'files.contents',
  examples: ["what's inside archive.zip", 'list the contents of backup.tar.gz'],
  score(u, c) {
    if (has(u, /\b(?:extract|unzip|unpack|decompress|untar)\b/) || has(u, DELETE)) return 0;
    if (has(u, /\b(?:called|named)\s+_f\d+_/)) return 0; // "look for a file called setup.zip"
    // an archive named as such ("archive.zip"), not a folder that shares its stem
    // or "the zip", the one archive here
    // "the setup zip": an archive said by its stem and its kind
    const said =
      u.files.some((f) => ARCHIVE.test(f)) ||
      has(u, /\b(?:the|my|that|this) (?:[\w.-]+ )?(?:zip|tarball|tgz|archive)(?: file)?\b/);
    if (!said || !named(u, c).paths.some((p) => ARCHIVE.test(p))) return 0;
    // "zip the pdfs in this folder into pdfs.zip": the archive is what is made, not looked into
    if (
      has(u, /^(?:archive|zip|compress|tar|pack|bundle|gzip|put|stick|gather)\b/) &&
      has(u, /\b(?:into|to|as)\s+(?:an?\s+(?:zip|archive|tarball)\s+(?:file\s+)?(?:called|named)\s+)?_f\d+_/)
    )
      return 0;
    return has(u, /\b(?:inside|in|contents?|list|show|what|which|see|view|look|peek|holds?|contains?)\b/)
      ? 10
      : 0;
  },
  build(u, c) {
    const archives = named(u, c).paths.filter((p) => ARCHIVE.test(p));
    return drafts(
      `List what ${archives.join(', ')} holds`,
      archives.map((path) => ({
        tool: 'files',
        action: 'contents',
        args: { path },
        why: `the entries of ${path}`,
      })),
    );
  },
};

export { archiveContents, duplicates, find, largest, list, read, stat, usage };
