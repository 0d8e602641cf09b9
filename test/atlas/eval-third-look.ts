/**
 * Third held-out set, requests that only look: finding and listing, sizes and rankings,
 * showing a file. Written by an engineer who never opened the translator, its examples or
 * either earlier held-out set; eval-third.ts says the rules. Figures from the fixture:
 * big.bin 600 KiB > medium.dat 250 > song.mp3 150 > report.pdf 120 > photo.jpg 80; app.log
 * (an hour old) is the newest file, todo.txt (half a day) the next; docs/ holds 30,836 bytes,
 * Downloads 112,782, src 165; ~/videos/trip.mp4 (900 KiB) is the biggest file in HOME.
 */
import {
  all,
  either,
  exactly,
  first,
  hides,
  reportsBytes,
  says,
  saysInOrder,
  saysNot,
  shows,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const LIST: UserCase[] = [
  {
    kind: 'list/find',
    request: 'whats in this folder?',
    check: shows('notes.txt', 'report.pdf', 'docs', 'data.csv'),
  },
  {
    kind: 'list/find',
    request: 'lsit all the pdfs',
    check: all(shows('report.pdf', 'manual.pdf'), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'any python files around here?',
    check: all(shows('helper.py'), hides('main.js')),
  },
  {
    kind: 'list/find',
    request: 'could you find every markdown file for me',
    check: all(shows('README.md', 'guide.md', 'guide-copy.md', 'api.md'), hides('notes.txt', 'manual.pdf')),
  },
  {
    kind: 'list/find',
    request: 'which files have i touched in the last 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'old.log', 'big.bin')),
  },
  {
    kind: 'list/find',
    request: 'files over 100k?',
    check: all(shows('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'what have i got in Downloads',
    check: shows('invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt'),
  },
  { kind: 'list/find', request: 'show hidden files pls', check: shows('.hidden') },
  {
    kind: 'list/find',
    request: 'list whats inside the docs directory',
    check: exactly('guide.md', 'guide-copy.md', 'api.md', 'manual.pdf'),
  },
  {
    kind: 'list/find',
    request: 'which file did i change most recently',
    check: first('app.log'),
  },
  {
    kind: 'list/find',
    request: 'newest file here?',
    check: first('app.log'),
  },
  {
    kind: 'list/find',
    request: 'where are the javascript sources',
    check: all(shows('main.js', 'util.js'), hides('helper.py', 'notes.txt')),
  },
  {
    kind: 'list/find',
    request: 'are there any empty files in here',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt')),
  },
  {
    kind: 'list/find',
    request: 'look for pictures older than 6 months',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'report.pdf')),
  },
];

const SIZE: UserCase[] = [
  { kind: 'size/biggest', request: 'biggest file in here??', check: first('big.bin') },
  {
    kind: 'size/biggest',
    request: 'top 3 largest files in here',
    check: all(first('big.bin', 'medium.dat', 'song.mp3'), hides('photo.jpg')),
  },
  {
    kind: 'size/biggest',
    request: 'how much room is the docs folder using',
    check: reportsBytes(30_836, 53_248),
  },
  {
    kind: 'size/biggest',
    request: 'size of big.bin',
    check: either(reportsBytes(614_400), says('600 KB'), says('600.0 KB'), says('600 KiB'), says('614400')),
  },
  { kind: 'size/biggest', request: 'whats the smallest file here', check: first('empty.txt') },
  {
    kind: 'size/biggest',
    request: 'what are the largest files in my home directory',
    check: first('trip.mp4', 'big.bin'),
  },
  {
    kind: 'size/biggest',
    request: 'show the 5 hugest files, subfolders included',
    check: first('big.bin', 'medium.dat', 'song.mp3', 'report.pdf', 'photo.jpg'),
  },
  {
    kind: 'size/biggest',
    request: 'how big is my Downloads folder',
    check: reportsBytes(112_782, 140_000),
  },
  {
    kind: 'size/biggest',
    request: 'sort the files by size, smallest first',
    // The order among the smallest files; an answer may show only the first of them.
    check: all(first('empty.txt'), saysInOrder('empty.txt', 'todo.txt', 'dup-a.txt')),
  },
  { kind: 'size/biggest', request: "what's eating all the space in this dir", check: first('big.bin') },
  {
    kind: 'size/biggest',
    request: 'which pdf is the biggest',
    check: all(first('report.pdf'), hides('big.bin')),
  },
  { kind: 'size/biggest', request: 'how large is the src directory', check: reportsBytes(165, 20_480) },
  {
    kind: 'size/biggest',
    request: 'which folders in my home take the most space',
    // The work folder is where the request is made, so an answer may call it ./
    check: either(saysInOrder('work', 'videos'), saysInOrder('./', 'videos')),
  },
  {
    kind: 'size/biggest',
    request: 'Could you tell me which 2 files are the largest ones?',
    check: all(first('big.bin', 'medium.dat'), hides('song.mp3')),
  },
];

const READ: UserCase[] = [
  {
    kind: 'read/show',
    request: 'show me whats written in notes.txt',
    check: says('TODO: call Bob about the budget', 'End of notes'),
  },
  { kind: 'read/show', request: 'cat the readme', check: says('This project uses a database') },
  { kind: 'read/show', request: 'whats in todo', check: says('buy milk', 'write report') },
  {
    kind: 'read/show',
    request: 'first 3 lines of app.log',
    check: all(says('10:00 ERROR', '10:01', '10:02'), saysNot('10:03', '10:29')),
  },
  {
    kind: 'read/show',
    request: 'last two lines of the server log',
    check: all(says('10:18', '10:19'), saysNot('10:17', '10:00')),
  },
  { kind: 'read/show', request: 'open up config.json for me', check: says('http://example.com', 'debug') },
  {
    kind: 'read/show',
    request: 'print out the guide from the docs folder',
    check: says('Use the database wisely'),
  },
  { kind: 'read/show', request: 'display letter.txt from my downloads', check: says('Dear Sir') },
  { kind: 'read/show', request: 'read me the python helper', check: says('def helper') },
  {
    kind: 'read/show',
    request: 'show the tail end of debug.log',
    check: all(says('10:11 INFO'), saysNot('10:00 ERROR')),
  },
  {
    kind: 'read/show',
    request: 'what does my .bashrc say',
    variant: 'users',
    check: says('alias ll="ls -l"'),
  },
  {
    kind: 'read/show',
    request: 'peek at the top of data.csv',
    check: all(says('id,name,value', '1,item1'), saysNot('49,item49')),
  },
  { kind: 'read/show', request: 'show me main.js plz', check: says('database ready', 'TODO: handle errors') },
  { kind: 'read/show', request: 'let me see the api doc', check: says('GET /items') },
];

export const LOOK_CASES: readonly UserCase[] = [...LIST, ...SIZE, ...READ];
