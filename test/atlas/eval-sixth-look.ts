/**
 * The sixth set's looking requests: listings and searches by name, kind, age and size, sizes
 * and rankings, and reading files. Every figure is the fixture's own (fixture.ts,
 * eval-fixture.ts): report.pdf is 122,889 bytes, data.csv 627, the four files of docs 30,836
 * together, videos/trip.mp4 921,600.
 */
import { all, exactly, first, hides, reportsBytes, says, saysNot, shows } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const LIST: UserCase[] = [
  {
    kind: 'list/find',
    request: "what's sitting in the docs folder?",
    check: shows('guide.md', 'guide-copy.md', 'api.md', 'manual.pdf'),
  },
  {
    kind: 'list/find',
    request: 'find me every pdf, subfolders included',
    check: all(shows('report.pdf', 'manual.pdf'), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'list all markdown docs in this project',
    check: all(shows('README.md', 'guide.md', 'api.md'), hides('notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'which files got modified during the last 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'old.log')),
  },
  {
    kind: 'list/find',
    request: 'files older then 100 days here?',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'old.log')),
  },
  {
    kind: 'list/find',
    request: 'do i have any python files lying around',
    check: all(shows('helper.py'), hides('main.js')),
  },
  {
    kind: 'list/find',
    request: "what's in my downloads",
    check: shows('invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt'),
  },
  {
    kind: 'list/find',
    request: 'show the dotfiles in this folder too',
    check: shows('.hidden'),
  },
  {
    kind: 'list/find',
    request: 'wheres guide.md',
    check: shows('guide.md'),
  },
  {
    kind: 'list/find',
    request: 'list everything under src recursively',
    check: shows('main.js', 'util.js', 'helper.py'),
  },
  {
    kind: 'list/find',
    request: 'find the empty files pls',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt')),
  },
  {
    kind: 'list/find',
    request: 'look for jpg and png images',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'report.pdf')),
  },
  {
    kind: 'list/find',
    request: 'what music files have i got anywhere in my home',
    check: all(shows('song.mp3', 'tune.mp3'), hides('trip.mp4')),
  },
  {
    kind: 'list/find',
    request: 'just the directories here please, no files',
    check: all(shows('docs', 'src', 'logs', 'empty-dir'), hides('notes.txt', 'big.bin')),
  },
  {
    kind: 'list/find',
    request: 'anything in logs changed this week?',
    check: all(shows('server.log'), hides('access.log')),
  },
  {
    kind: 'list/find',
    request: 'search for files called helper',
    check: all(shows('helper.py'), hides('util.js')),
  },
];

const SIZE: UserCase[] = [
  {
    kind: 'size/biggest',
    request: 'gimme the three largest files in this dir',
    check: first('big.bin', 'medium.dat', 'song.mp3'),
  },
  {
    kind: 'size/biggest',
    request: 'biggest thing in my Downloads?',
    check: first('holiday.jpg'),
  },
  {
    kind: 'size/biggest',
    request: 'report.pdf, how big is that file?',
    check: reportsBytes(122_889),
  },
  {
    kind: 'size/biggest',
    request: 'total size of the docs directory',
    check: reportsBytes(30_836, 30_836 + 5 * 4096),
  },
  {
    kind: 'size/biggest',
    request: 'which log in the logs folder is the largest',
    check: first('access.log'),
  },
  {
    kind: 'size/biggest',
    request: 'top 5 biggest files in my whole home',
    check: first('trip.mp4', 'big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
  },
  {
    kind: 'size/biggest',
    request: 'how much room do the mp3s in this folder take up',
    check: reportsBytes(153_600),
  },
  {
    kind: 'size/biggest',
    request: "what's the smallest file in docs",
    check: first('api.md'),
  },
  {
    kind: 'size/biggest',
    request: 'any files here over 100k? show them',
    check: all(shows('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'), hides('photo.jpg', 'manual.pdf')),
  },
  {
    kind: 'size/biggest',
    request: 'is anything here larger than 1 MB?',
    check: exactly(),
  },
  {
    kind: 'size/biggest',
    request: 'how large is the videos folder in my home dir',
    check: reportsBytes(921_600, 921_600 + 4096),
  },
  {
    kind: 'size/biggest',
    request: 'whats eating the most space in this dir',
    check: first('big.bin'),
  },
  {
    kind: 'size/biggest',
    request: 'sort my downloads by size, biggest first',
    check: first('holiday.jpg', 'tune.mp3', 'invoice.pdf'),
  },
  {
    kind: 'size/biggest',
    request: 'add up the size of the log files in logs/',
    check: reportsBytes(1980, 1980 + 4096),
  },
  {
    kind: 'size/biggest',
    request: 'find files between 50 and 200 KB',
    check: all(
      shows('song.mp3', 'report.pdf', 'photo.jpg'),
      hides('big.bin', 'screenshot.png', 'medium.dat'),
    ),
  },
  {
    kind: 'size/biggest',
    request: 'data.csv - how many bytes is it?',
    check: reportsBytes(627),
  },
];

const READ: UserCase[] = [
  {
    kind: 'read/show',
    request: 'show me whats in notes.txt',
    check: says('Meeting notes', 'call Bob about the budget', 'End of notes'),
  },
  {
    kind: 'read/show',
    request: 'cat todo.txt pls',
    check: says('buy milk', 'write report'),
  },
  {
    kind: 'read/show',
    request: 'what does config.json look like',
    check: says('http://example.com', 'debug'),
  },
  {
    kind: 'read/show',
    request: 'print just the first two lines of data.csv',
    check: all(says('id,name,value', '1,item1,0'), saysNot('2,item2,7')),
  },
  {
    kind: 'read/show',
    request: 'last 3 lines of app.log',
    check: all(says('10:27', '10:28', '10:29'), saysNot('10:26')),
  },
  {
    kind: 'read/show',
    request: 'read me the letter in my downloads folder',
    check: says('Dear Sir'),
  },
  {
    kind: 'read/show',
    request: 'open up the readme file for me',
    check: says('This project uses a database'),
  },
  {
    kind: 'read/show',
    request: "what's written in the guide under docs",
    check: says('Use the database wisely'),
  },
  {
    kind: 'read/show',
    request: 'display src/util.js',
    check: says('answer: 42'),
  },
  {
    kind: 'read/show',
    request: 'let me see my .bashrc',
    variant: 'users',
    check: says('alias ll'),
  },
  {
    kind: 'read/show',
    request: 'can i see the python helper file',
    check: says('def helper'),
  },
  {
    kind: 'read/show',
    request: "what's on my todo list",
    check: says('buy milk'),
  },
  {
    kind: 'read/show',
    request: 'view the summary file in reports',
    variant: 'users',
    check: says('revenue is fine'),
  },
  {
    kind: 'read/show',
    request: 'tail server.log',
    check: all(says('10:19'), saysNot('10:05')),
  },
  {
    kind: 'read/show',
    request: 'show me the contents of main.js under src',
    check: says("require('./util')"),
  },
  {
    kind: 'read/show',
    request: 'whats the first line of notes.txt',
    check: all(says('Meeting notes'), saysNot('End of notes')),
  },
];

export const LOOK_CASES: readonly UserCase[] = [...LIST, ...SIZE, ...READ];
