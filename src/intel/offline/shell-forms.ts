/**
 * Commands a Linux user types out of habit for the file actions, read as the request they
 * stand for (the whole request, before it is split): brace expansion ("cp notes.txt{,.bak}",
 * "mv a.{txt,md}"), "ls -a" and "ls -d" of the folders, an archive listed ("unzip -l a.zip", "tar tzf
 * b.tar.gz") or made ("tar czf docs.tar.gz docs", "zip -r d.zip docs"), and a find that deletes
 * ("find . -name '*.log' -mtime +7 -delete"). Each flag is read or the command is left as
 * typed (and asked about): a flag that narrows what is touched is never dropped.
 *
 * @example
 * shellForms('cp notes.txt{,.bak}');   // 'copy notes.txt to notes.txt.bak'
 */

const NAME = '([\\w@+-][\\w.@+/-]*)';

/** One flag cluster of tar that lists ("tf", "-tzf", "tvf"), or makes a gzipped archive ("czf", "-czvf"). */
const TAR_LIST = /^tar\s+-?(?=[tvzf]*t)(?=[tvzf]*f)[tvzf]+\s+(\S+\.(?:tar\.gz|tgz|tar))\s*$/i;
const TAR_MAKE = /^tar\s+-?(?=[czvf]*c)(?=[czvf]*z)(?=[czvf]*f)[czvf]+\s+(\S+\.(?:tar\.gz|tgz))\s+(.+)$/i;

const FORMS: [RegExp, string | ((...m: string[]) => string)][] = [
  // "cp notes.txt{,.bak}": the name and the name with .bak; "mv a.{txt,md}": the part swapped
  [
    new RegExp(`^(cp|mv)\\s+(?:-[a-z]+\\s+)?${NAME}\\{([^{},\\s]*),([^{},\\s]*)\\}([\\w.-]*)\\s*$`, 'i'),
    (_m, verb, stem, a, b, tail) =>
      `${verb.toLowerCase() === 'cp' ? 'copy' : 'move'} ${stem}${a}${tail} to ${stem}${b}${tail}`,
  ],
  [/^ls\s+-(?:a|la|al|A|lA|Al|lah|alh|hal|hla)\s*$/i, 'show hidden files'],
  [/^ls\s+-(?:a|la|al|A|lA|Al|lah|alh)\s+([\w./~-]+)\s*$/i, 'show hidden files in $1'],
  [/^ls\s+(?:-l\s+)?-d\s+\*\/\s*$/i, 'list the folders here'],
  [/^ls\s+(?:-l\s+)?-d\s+([\w.~-]+)\/\*\/\s*$/i, 'list the folders in $1'],
  [new RegExp(`^unzip\\s+-l\\s+${NAME}\\s*$`, 'i'), 'list the contents of $1'],
  [TAR_LIST, 'list the contents of $1'],
  [TAR_MAKE, 'make a tarball of $2 named $1'],
  [/^tar\s+-?(?=[xzvf]*x)(?=[xzvf]*f)[xzvf]+\s+(\S+\.(?:tar\.gz|tgz|tar))\s*$/i, 'extract $1'],
  [new RegExp(`^zip\\s+(?:-r\\s+|-rq\\s+|-qr\\s+)?${NAME}\\.zip\\s+(.+)$`, 'i'), 'zip $2 into $1.zip'],
  // "find . -name '*.log' -mtime +7 -delete": older than 7 days, every folder below
  [
    /^find\s+(\.|[\w.~/-]+)\s+(?:-type\s+f\s+)?-i?name\s+(["']?)(\*\.[\w]+)\2\s+(?:-type\s+f\s+)?-mtime\s+\+(\d+)\s+(?:-type\s+f\s+)?-delete\s*$/i,
    (_m, path, _q, glob, days) =>
      `delete all ${glob.slice(1)} files older than ${days} days${path === '.' ? '' : ` in ${path}`} in all subfolders`,
  ],
  [
    /^find\s+(\.|[\w.~/-]+)\s+(?:-type\s+f\s+)?-i?name\s+(["']?)(\*\.[\w]+)\2\s+(?:-type\s+f\s+)?-delete\s*$/i,
    (_m, path, _q, glob) =>
      `delete all ${glob.slice(1)} files${path === '.' ? '' : ` in ${path}`} in all subfolders`,
  ],
];

/** `request` with a command typed out of habit read as the request it stands for. */
export function shellForms(request: string): string {
  const s = request.trim();
  for (const [re, to] of FORMS) if (re.test(s)) return s.replace(re, to as (...m: string[]) => string);
  return request;
}
