/**
 * Held-out requests that look at files: listing and finding, sizes, reading, as people type
 * them into a shell prompt. Written from what users ask, not from the translator's rules.
 * The request runs in HOME/work of the fixture (test/atlas/fixture.ts, eval-fixture.ts).
 */
import {
  all,
  either,
  exactly,
  first,
  hides,
  output,
  reportsBytes,
  says,
  saysNot,
  shows,
} from './eval-checks.ts';
import type { EvalResult, Loose, UserCase } from './eval-harness.ts';

const sortedBySize = (r: EvalResult) => {
  const sizes: number[] = (r.last?.entries ?? []).map((e: Loose) => e.size);
  const desc = sizes.every((s, i) => i === 0 || sizes[i - 1] >= s);
  const asc = sizes.every((s, i) => i === 0 || sizes[i - 1] <= s);
  return (sizes.length > 1 && (desc || asc)) || 'the answer is not ordered by size';
};

const firstDir = (r: EvalResult): string | undefined =>
  (r.last?.entries ?? [])
    .find((e: Loose) => e.type === 'dir')
    ?.path.split('/')
    .at(-1);

const filesOnly = (r: EvalResult) => r.names().filter((n) => /\.\w+$/.test(n));

export const LOOK_CASES: UserCase[] = [
  // list / find
  { kind: 'list/find', request: "what's in this folder", check: shows('notes.txt', 'big.bin', 'docs') },
  { kind: 'list/find', request: 'ls', check: shows('notes.txt', 'todo.txt', 'src') },
  {
    kind: 'list/find',
    request: 'show me all the pdfs',
    check: all(shows('report.pdf', 'manual.pdf'), hides('notes.txt', 'photo.jpg')),
  },
  {
    kind: 'list/find',
    request: 'find every jpg or png',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'report.pdf')),
  },
  {
    kind: 'list/find',
    request: 'where are my mp3s?',
    check: all(either(shows('song.mp3'), shows('tune.mp3')), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'list files modified in the last 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'old.log', 'photo.jpg')),
  },
  {
    kind: 'list/find',
    request: 'any files older than a year?',
    check: all(shows('photo.jpg'), hides('screenshot.png', 'song.mp3', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'show empty files',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt')),
  },
  {
    kind: 'list/find',
    request: 'list everything including hidden files',
    check: shows('.hidden', 'notes.txt'),
  },
  {
    kind: 'list/find',
    request: 'find files named guide',
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'whats in the docs dir',
    check: all(shows('guide.md', 'api.md', 'manual.pdf'), hides('notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'show me whats in my downloads folder',
    check: all(shows('invoice.pdf', 'holiday.jpg', 'letter.txt'), hides('notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'find all the javascript files',
    check: all(exactly('main.js', 'util.js')),
  },
  { kind: 'list/find', request: 'list all python files', check: exactly('helper.py') },
  {
    kind: 'list/find',
    request: 'pls list the markdown files in here',
    check: all(shows('README.md'), hides('notes.txt', 'todo.txt', 'report.pdf')),
  },
  {
    kind: 'list/find',
    request: 'find pictures in Downloads',
    check: all(shows('holiday.jpg'), hides('invoice.pdf', 'tune.mp3', 'photo.jpg')),
  },
  {
    kind: 'list/find',
    request: 'show me the newest files first',
    check: (r) => {
      const f = filesOnly(r).slice(0, 2);
      return f.join() === 'app.log,todo.txt' || `expected app.log, todo.txt first; got ${f.join(', ')}`;
    },
  },

  // size / biggest
  {
    kind: 'size/biggest',
    request: 'biggest files?',
    check: all(either(first('big.bin'), first('trip.mp4')), sortedBySize),
  },
  {
    kind: 'size/biggest',
    request: 'what are the 3 largest files in here',
    check: all(
      first('big.bin', 'medium.dat', 'song.mp3'),
      (r) => r.names().length === 3 || 'not three files',
    ),
  },
  {
    kind: 'size/biggest',
    request: 'top 5 biggest files in my home folder',
    check: first('trip.mp4', 'big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
  },
  { kind: 'size/biggest', request: 'how big is the docs folder', check: reportsBytes(30_836) },
  { kind: 'size/biggest', request: 'size of big.bin?', check: reportsBytes(614_400) },
  {
    kind: 'size/biggest',
    request: 'files bigger than 100kb',
    check: all(shows('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'size/biggest',
    request: 'show files smaller than 1 KB',
    check: all(shows('notes.txt', 'todo.txt'), hides('big.bin', 'photo.jpg')),
  },
  { kind: 'size/biggest', request: "what's taking up all the space here", check: first('big.bin') },
  {
    kind: 'size/biggest',
    request: 'which folder is the biggest',
    check: (r) =>
      firstDir(r) === 'docs' || `expected docs as the biggest folder; got ${firstDir(r) ?? 'none'}`,
  },
  {
    kind: 'size/biggest',
    request: 'sort the files by size',
    check: all(shows('big.bin', 'notes.txt'), sortedBySize),
  },
  { kind: 'size/biggest', request: 'largest file in Downloads', check: first('holiday.jpg') },
  { kind: 'size/biggest', request: 'total size of all the pdfs', check: reportsBytes(153_618) },

  // read / show
  { kind: 'read/show', request: 'show me notes.txt', check: says('Meeting notes', 'End of notes') },
  { kind: 'read/show', request: 'cat todo.txt', check: says('buy milk', 'write report') },
  { kind: 'read/show', request: 'whats in the readme', check: says('This project uses a database') },
  { kind: 'read/show', request: 'open config.json', check: says('"debug": true') },
  {
    kind: 'read/show',
    request: 'first 3 lines of data.csv',
    check: all(says('id,name,value', '2,item2'), saysNot('3,item3')),
  },
  {
    kind: 'read/show',
    request: 'last 2 lines of app.log',
    check: all(says('10:28', '10:29'), saysNot('10:27')),
  },
  { kind: 'read/show', request: 'print the guide in docs', check: says('Use the database wisely') },
  {
    kind: 'read/show',
    request: "can you show me what's inside src/util.js",
    check: says('answer: 42'),
  },
  { kind: 'read/show', request: 'read me my todo list', check: says('buy milk', 'write report') },
  {
    kind: 'read/show',
    request: 'show the end of the server log',
    check: all(says('10:19'), saysNot('10:00 ERROR')),
  },
  { kind: 'read/show', request: 'peek at the top of README.md', check: says('# Project') },
  { kind: 'read/show', request: 'what does letter.txt in downloads say', check: says('Dear Sir') },
  {
    kind: 'read/show',
    request: 'show me the contents of the json config',
    check: output('file text', (o) => typeof o.text === 'string' && o.text.includes('example.com')),
  },
];
