/**
 * Offline rules for archives: pack files into a .zip or .tar.gz ("zip the docs folder", "a
 * .tar.gz of src"), and unpack one ("unzip setup.zip from downloads into a folder named x").
 * Listing what an archive holds is a look, in files-query.ts.
 */
import { basename, dirname } from 'node:path';
import { capture, has, restore } from '../parse.ts';
import { destination, located, named, type Rule, sourcesOf, withSources } from '../rule.ts';
import { drafts } from './files-shared.ts';

const archive: Rule = {
  id: 'files.archive',
  examples: ['zip the docs folder', 'compress all pdfs into papers.zip', 'make a tarball of src'],
  score(u) {
    if (has(u, /\b(?:unzip|extract|unpack|decompress|untar|gunzip)\b/)) return 0;
    if (
      has(
        u,
        /^(?:(?:please|now|and|then|also|can you|could you)\s+)*(?:zip|compress|archive|tar|pack|bundle|gzip)\b/,
      )
    )
      return 9;
    if (
      has(
        u,
        /\b(?:make|create|build|put (?:them|it|.*) (?:in|into))\s+(?:a |an )?(?:zip|tarball|archive|tar\.gz|tgz)\b(?![\w-])/,
      )
    )
      return 9;
    if (has(u, /\b(?:zip|compress|tar) (?:it|them|up)\b/)) return 9;
    // "make a .tar.gz of docs"
    if (
      has(u, /\b(?:make|create|build)\s+(?:a |an )?_ext_\s+(?:archive\s+|file\s+)?(?:of|from|with)\b/) &&
      u.exts.some((e) => /^(?:zip|tar\.gz|tgz|gz|tar)$/.test(e))
    )
      return 9;
    return 0;
  },
  build(u, c) {
    const tgz =
      has(u, /\b(?:tar|tarball|tar\.gz|tgz|gzip|gzipped)\b/) ||
      u.exts.some((e) => /^(?:tar\.gz|tgz|gz|tar)$/.test(e));
    const named_ = capture(
      u,
      /\b(?:into|to|as|called|named)\s+(?:a\s+|an\s+)?(?:zip\s+|archive\s+|tarball\s+)?(?:file\s+)?(?:called\s+|named\s+)?(?!(?:as|for|of|with|in|backup|copy|safekeeping)\b)(_[fq]\d+_|[\w.-]+)/,
    );
    let to =
      named_ &&
      !['a', 'an', 'the', 'zip', 'archive', 'tarball', 'tgz', 'tar', 'gz', 'tar.gz', '_ext_'].includes(named_)
        ? restore(u, named_)
        : undefined;
    const skip = to ? [to, to.toLowerCase()] : [];
    // "a .tar.gz of docs": the extension is the archive's format, not a kind of file to pack
    const asFormat = has(
      u,
      /\b(?:a|an|the)\s+(?:_ext_|zip|tar|tarball|tgz|gzip)\s+(?:archive\s+|file\s+)?(?:of|from|with|containing)\b|\b(?:into|in|to|as)\s+(?:a|an|one)\s+(?:_ext_|zip|tarball|tgz)(?:\s+(?:archive|file))?\b/,
    );
    const chosen = asFormat
      ? { ...u, exts: u.exts.filter((e) => !/^(?:zip|tar\.gz|tgz|gz|tar)$/.test(e)) }
      : u;
    const src = sourcesOf(chosen, c, { skip, exclude: to ? [to] : [] });
    if ('clarify' in src) return { clarify: `Archive what? ${src.clarify}` };
    // A name of our choosing never replaces an archive that is already there.
    const ours = !to;
    if (!to) {
      const paths = src.args.paths as string[] | undefined;
      if (paths && paths.length === 1) to = basename(paths[0]).replace(/\.[^.]*$/, '') || 'archive';
      else if (u.exts.length > 0) to = `${u.exts[0]}-files`;
      else to = 'archive';
    }
    const format = tgz ? 'tar.gz' : 'zip';
    if (!/\.(zip|tar\.gz|tgz)$/i.test(to)) {
      const stem = to;
      to = `${stem}.${format}`;
      for (let i = 2; ours && c.exists(to); i++) to = `${stem}-${i}.${format}`;
    }
    return drafts(
      `Archive into ${to}`,
      withSources(src, { tool: 'files', action: 'archive', args: { to }, why: `pack into ${to}` }),
    );
  },
};

const extract: Rule = {
  id: 'files.extract',
  examples: ['unzip photos.zip', 'extract backup.tar.gz into restored', 'unpack the archive'],
  score(u) {
    return has(u, /\b(?:unzip|extract|unpack|decompress|untar|gunzip|expand the (?:archive|zip))\b/) ? 9 : 0;
  },
  build(u, c) {
    let file =
      u.files.map((f) => located(f, u, c)).find((f) => /\.(zip|tar\.gz|tgz)$/i.test(f)) ??
      named(u, c).paths.find((f) => /\.(zip|tar\.gz|tgz)$/i.test(f));
    if (!file) {
      let archives = c.names().filter((n) => /\.(zip|tar\.gz|tgz)$/i.test(n));
      const words = u.text.split(' ');
      const byName = archives.filter((n) =>
        words.includes(n.toLowerCase().replace(/\.(zip|tar\.gz|tgz)$/, '')),
      );
      if (byName.length === 1) archives = byName;
      else if (has(u, /\bzip\b/)) archives = archives.filter((n) => n.toLowerCase().endsWith('.zip'));
      else if (has(u, /\b(?:tarball|tar|tgz)\b/))
        archives = archives.filter((n) => !n.toLowerCase().endsWith('.zip'));
      const prev = c.previous?.paths.find((p) => /\.(zip|tar\.gz|tgz)$/i.test(p));
      if (prev) file = prev;
      else if (archives.length === 1) file = archives[0];
      else if (archives.length > 1) return { clarify: `Which archive: ${archives.join(', ')}?` };
      else return { clarify: 'Extract which archive? For example: unzip photos.zip' };
    }
    // "into unpacked", "to a folder named unpacked", "here"; never the folder it was taken from.
    const to = destination(u, '(?:into|to|in)', c)?.replace(/\/+$/, '');
    const args: Record<string, unknown> = { path: file };
    if (to && to !== dirname(file) && !(to === '~' && file.startsWith('~/'))) args.to = to;
    else if (has(u, /\bhere\b/)) args.to = '.';
    return drafts(`Extract ${file}`, [{ tool: 'files', action: 'extract', args, why: `unpack ${file}` }]);
  },
};

export { archive, extract };
