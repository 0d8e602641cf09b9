/**
 * Command-line habits: the flags people type out of habit with the commands the rules
 * already read ("mkdir -p", "rm -rf old", "cp -r docs backup", "tail -n 2 todo.txt"). A flag
 * is read when it says something the request must carry (how many lines), and dropped only
 * when it cannot narrow what is touched: "-p" makes parents, "-r" and "-f" on rm or cp of
 * named paths change nothing about which paths those are. Any other flag stays in the text,
 * so a request that changes something with a flag nobody understood is asked about, not run.
 *
 * @example
 * shellHabits('mkdir -p a/b');          // 'mkdir a/b'
 * shellHabits('tail -n 2 todo.txt');    // 'show the last 2 lines of todo.txt'
 */

const HABITS: [RegExp, string][] = [
  [/\bmkdir\s+(?:(?:-p|-v|--parents|--verbose)\s+)+/gi, 'mkdir '],
  [/\bcp\s+(?:(?:-[rRavpi]{1,4}|--recursive|--archive|--verbose)\s+)+(?=\S)/gi, 'cp '],
  // mv without -f never replaces a file: dropping it is the safer reading
  [/\bmv\s+(?:(?:-[fivn]{1,3}|--verbose)\s+)+(?=\S)/gi, 'mv '],
  [/\b(?:head)\s+(?:-n\s*|-|--lines[= ])(\d+)\s+/gi, 'show the first $1 lines of '],
  [/\b(?:tail)\s+(?:-n\s*|-|--lines[= ])(\d+)\s+/gi, 'show the last $1 lines of '],
  // grep -l: the files that contain it, not the lines
  [/\bgrep\s+(?:-[rRniwEFs]+\s+)*-[rRniwEFs]*l[rRniwEFs]*\s+(_q\d+_|\S+)\s+/gi, 'which files contain $1 in '],
  [/\bwc\s+-w\s+/gi, 'count the words in '],
  // wget saves what it fetches, as curl -O does; -o/-O with a name saves under that name
  [/^(?:wget|curl)\s+(?:-q\s+|-s\s+|-L\s+)*-[oO]\s+(_f\d+_|[\w.-]+)\s+(_u\d+_)$/gi, 'download $2 to $1'],
  [/^(?:wget|curl)\s+(?:-q\s+|-s\s+|-L\s+)*(_u\d+_)\s+-[oO]\s+(_f\d+_|[\w.-]+)$/gi, 'download $1 to $2'],
  [
    /^(?:wget(?:\s+-q)?|curl\s+(?:-L\s+)?-O(?:\s+-L)?)\s+(?:the\s+(?:file|page|url)\s+)?(_u\d+_)$/gi,
    'download $1',
  ],
  [/\bwc\s+-[cm]\s+/gi, 'count the characters in '],
];

/** rm's own flags: recursive and force do not change which named paths are meant. */
const RM =
  /\b(rm|del|rmdir)\s+((?:(?:-[rRfvdi]{1,4}|--recursive|--force|--verbose|--dir)\s+)+)(_f\d+_|\S+)/gi;
/** What no flag is dropped before: a whole tree ("rm -rf ~", "rm -rf /"); Atlas asks. */
const WHOLE = /^(?:~|~\/|\/|\.|\.\/|\.\.|\.\.\/|\*|\$home)$/i;

/**
 * `text` with the flags of common commands read or, where they cannot matter, dropped;
 * `files` are the names behind its _fN_ placeholders.
 */
export function shellHabits(text: string, files: readonly string[] = []): string {
  let s = text.replace(RM, (all, verb: string, flags: string, first: string) => {
    const named = /^_f(\d+)_$/.exec(first);
    const path = named ? (files[Number(named[1])] ?? '') : first;
    if (WHOLE.test(path.trim())) return all;
    // "rm -r logs": recursive names a folder, never the .log files a plural could mean
    const folder = !named && /^[a-z][\w.-]*$/i.test(first) && /-[a-z]*r|--recursive/i.test(flags);
    return folder ? `${verb} the ${first} folder` : `${verb} ${first}`;
  });
  for (const [re, to] of HABITS) s = s.replace(re, to);
  return s;
}
