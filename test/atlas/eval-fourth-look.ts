/**
 * Fourth held-out set, requests that only look: finding and listing, sizes and rankings,
 * showing what a file says. Written by an engineer who never opened the translator, its
 * examples or any earlier held-out set; eval-fourth.ts says the rules. Figures from the
 * fixture: big.bin 600 KiB > medium.dat 250 > song.mp3 150 > report.pdf 120 > photo.jpg 80 >
 * screenshot.png 40 KiB in work; ~/videos/trip.mp4 (900 KiB) tops HOME; app.log (an hour)
 * and todo.txt (half a day) are the only files changed in the last day; photo.jpg (400 days)
 * and screenshot.png (200) are the only ones older than six months; docs/ holds 30,836 bytes.
 */
import { all, exactly, first, hides, reportsBytes, says, saysNot, shows } from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const LIST: UserCase[] = [
  {
    kind: 'list/find',
    request: 'whats in the docs folder?',
    check: shows('guide.md', 'guide-copy.md', 'api.md', 'manual.pdf'),
  },
  { kind: 'list/find', request: "find all the pdf's", check: exactly('report.pdf', 'manual.pdf') },
  { kind: 'list/find', request: 'got any python files in here', check: exactly('helper.py') },
  {
    kind: 'list/find',
    request: 'list what i have in my downloads',
    check: shows('invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt'),
  },
  {
    kind: 'list/find',
    request: 'which files in here havent been touched for more than 6 months',
    check: exactly('photo.jpg', 'screenshot.png'),
  },
  {
    kind: 'list/find',
    request: 'show files i modified in the past 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'data.csv', 'old.log')),
  },
  {
    kind: 'list/find',
    request: 'list evry markdown file',
    check: exactly('README.md', 'guide.md', 'guide-copy.md', 'api.md'),
  },
  { kind: 'list/find', request: 'wheres the json file', check: shows('config.json') },
  { kind: 'list/find', request: 'show me hidden files too', check: shows('.hidden', 'notes.txt') },
  {
    kind: 'list/find',
    request: 'are there any files with nothing in them',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt')),
  },
  {
    kind: 'list/find',
    request: 'list the pictures',
    check: exactly('photo.jpg', 'screenshot.png'),
  },
  {
    kind: 'list/find',
    request: 'look for files with guide in the name',
    check: exactly('guide.md', 'guide-copy.md'),
  },
  {
    kind: 'list/find',
    request: 'what subfolders are in this directory',
    check: all(shows('docs', 'src', 'logs', 'empty-dir'), hides('notes.txt', 'big.bin')),
  },
  { kind: 'list/find', request: 'find teh mp3s', check: exactly('song.mp3') },
  { kind: 'list/find', request: 'ls src', check: shows('main.js', 'util.js') },
  {
    kind: 'list/find',
    request: 'do i have files that are exact copies of each other?',
    check: says('dup-a.txt', 'dup-b.txt', 'guide-copy.md'),
  },
];

const SIZE: UserCase[] = [
  { kind: 'size/biggest', request: 'biggest file in here?', check: first('big.bin') },
  {
    kind: 'size/biggest',
    request: 'what are the three largest files in here',
    check: all(first('big.bin', 'medium.dat', 'song.mp3'), hides('photo.jpg')),
  },
  { kind: 'size/biggest', request: 'how big is the report.pdf file', check: reportsBytes(122_889) },
  {
    kind: 'size/biggest',
    request: 'how much room does the docs folder take',
    check: reportsBytes(30_836, 65_536),
  },
  {
    kind: 'size/biggest',
    request: 'total size of the jpg and png files together?',
    check: reportsBytes(122_880),
  },
  { kind: 'size/biggest', request: 'smallest file in this dir?', check: first('empty.txt') },
  {
    kind: 'size/biggest',
    request: 'top 5 biggest files in my home dir',
    check: first('trip.mp4', 'big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
  },
  {
    kind: 'size/biggest',
    request: 'show files over 100k',
    check: exactly('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
  },
  {
    kind: 'size/biggest',
    request: 'anything under 1kb in the src folder?',
    check: exactly('main.js', 'util.js', 'helper.py'),
  },
  { kind: 'size/biggest', request: 'size of big.bin in mb', check: reportsBytes(614_400) },
  {
    kind: 'size/biggest',
    request: 'how much disk space is my videos folder using',
    check: reportsBytes(921_600, 921_600 + 16_384),
  },
  {
    kind: 'size/biggest',
    request: 'whats hogging the most space in Downloads',
    check: first('holiday.jpg'),
  },
  {
    kind: 'size/biggest',
    request: 'sort the docs files by size, largest first',
    check: first('manual.pdf'),
  },
  {
    kind: 'size/biggest',
    request: 'largest two files under logs',
    check: first('access.log', 'server.log'),
  },
];

const READ: UserCase[] = [
  { kind: 'read/show', request: 'show me notes.txt please', check: says('Meeting notes', 'End of notes') },
  { kind: 'read/show', request: "what's in todo.txt?", check: says('buy milk', 'write report') },
  { kind: 'read/show', request: 'cat config.json', check: says('http://example.com', 'debug') },
  {
    kind: 'read/show',
    request: 'first 3 lines of data.csv pls',
    check: all(says('id,name,value', '1,item1,0', '2,item2,7'), saysNot('3,item3,14')),
  },
  {
    kind: 'read/show',
    request: 'last two lines of app.log',
    check: all(says('10:28 INFO', '10:29 INFO'), saysNot('10:27')),
  },
  { kind: 'read/show', request: 'open the readme', check: says('This project uses a database') },
  { kind: 'read/show', request: 'read me the letter in my downloads', check: says('Dear Sir') },
  { kind: 'read/show', request: 'display the guide from docs', check: says('Use the database wisely') },
  { kind: 'read/show', request: 'print helper.py', check: says('def helper') },
  {
    kind: 'read/show',
    request: 'show the end of logs/server.log',
    check: all(says('2024-05-02 10:19'), saysNot('10:00 ERROR')),
  },
  {
    kind: 'read/show',
    request: 'could you show me the top of old.log please',
    check: says('2024-05-01 10:00 ERROR disk full'),
  },
  {
    kind: 'read/show',
    request: 'what does the summary in reports say',
    variant: 'users',
    check: says('revenue is fine'),
  },
  { kind: 'read/show', request: 'shwo util.js', check: says('answer: 42') },
  { kind: 'read/show', request: 'view my .bashrc', variant: 'users', check: says('alias ll') },
];

export const LOOK_CASES: readonly UserCase[] = [...LIST, ...SIZE, ...READ];
