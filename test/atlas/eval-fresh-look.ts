/**
 * Fresh held-out requests that only look: listing and finding, sizes, reading, searching and
 * counting. Written for issue 12 by an engineer who never opened the translator, its
 * examples or the earlier held-out set; see eval-fresh.ts for the rules they follow.
 * Figures come from the fixture (fixture.ts, eval-fixture.ts): app.log has 30 lines, 6 of
 * them ERROR; data.csv 50 lines; notes.txt 18 words; docs/ holds 30,836 bytes in four files.
 */
import {
  all,
  either,
  exactly,
  first,
  hides,
  reportsBytes,
  says,
  saysNot,
  shows,
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const LIST_CASES: UserCase[] = [
  {
    kind: 'list/find',
    request: 'whats in the docs folder',
    check: shows('guide.md', 'guide-copy.md', 'api.md', 'manual.pdf'),
  },
  {
    kind: 'list/find',
    request: 'find all pdf files',
    check: all(shows('report.pdf', 'manual.pdf'), hides('notes.txt', 'big.bin')),
  },
  {
    kind: 'list/find',
    request: 'can you list the log fiels please',
    check: all(shows('app.log', 'old.log', 'debug.log'), hides('notes.txt', 'data.csv')),
  },
  { kind: 'list/find', request: 'any python files in here?', check: exactly('helper.py') },
  {
    kind: 'list/find',
    request: 'show me files modified in the last 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'old.log', 'photo.jpg')),
  },
  { kind: 'list/find', request: 'where is helper.py', check: shows('helper.py') },
  {
    kind: 'list/find',
    request: 'list evrything in my Downloads folder',
    check: shows('invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt'),
  },
  {
    kind: 'list/find',
    request: 'files older than 100 days?',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'notes.txt', 'old.log')),
  },
  {
    kind: 'list/find',
    request: 'find any .md files under docs',
    check: exactly('guide.md', 'guide-copy.md', 'api.md'),
  },
  { kind: 'list/find', request: 'show hidden files', check: shows('.hidden') },
  {
    kind: 'list/find',
    request: 'list the JPGs in photos',
    variant: 'users',
    check: exactly('IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'),
  },
  {
    kind: 'list/find',
    request: 'which files are empty',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt')),
  },
  {
    kind: 'list/find',
    request: 'find files with report in the name',
    variant: 'users',
    check: all(shows('report.pdf', 'q1 report.txt', 'q2 report.txt'), hides('summary.md')),
  },
];

const SIZE_CASES: UserCase[] = [
  { kind: 'size/biggest', request: 'biggest file?', check: first('big.bin') },
  {
    kind: 'size/biggest',
    request: 'what are the 3 largest files in this folder',
    check: all(first('big.bin', 'medium.dat', 'song.mp3'), hides('photo.jpg')),
  },
  {
    kind: 'size/biggest',
    request: 'top 5 bigest files pls',
    check: first('big.bin', 'medium.dat', 'song.mp3', 'report.pdf', 'photo.jpg'),
  },
  { kind: 'size/biggest', request: 'how big is report.pdf', check: reportsBytes(122_889) },
  {
    kind: 'size/biggest',
    request: 'how much space does the docs folder take up',
    check: reportsBytes(30_836, 30_836 + 65_536),
  },
  {
    kind: 'size/biggest',
    request: 'files bigger than 100k',
    check: all(shows('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'), hides('photo.jpg', 'notes.txt')),
  },
  {
    kind: 'size/biggest',
    request: 'anything over 500 KB in here?',
    check: all(shows('big.bin'), hides('medium.dat', 'song.mp3')),
  },
  { kind: 'size/biggest', request: 'which is the smallest file here', check: first('empty.txt') },
  {
    kind: 'size/biggest',
    request: 'whats taking up the most space in my home dir',
    // The biggest files, or the folders by how much they hold: both answer it.
    check: either(first('trip.mp4', 'big.bin'), first('work', 'videos')),
  },
  { kind: 'size/biggest', request: 'size of data.csv?', check: reportsBytes(627) },
  {
    kind: 'size/biggest',
    request: 'total size of all the log files',
    check: either(reportsBytes(1_716), reportsBytes(3_696)),
  },
  {
    kind: 'size/biggest',
    request: 'list files smaller than 1kb',
    check: all(
      shows('todo.txt', 'notes.txt', 'empty.txt'),
      hides('big.bin', 'photo.jpg', 'medium.dat', 'access.log'),
    ),
  },
  { kind: 'size/biggest', request: 'how much disk space do the mp3s use', check: reportsBytes(153_600) },
];

const READ_CASES: UserCase[] = [
  {
    kind: 'read/show',
    request: 'show me whats in notes.txt pls',
    check: says('TODO: call Bob about the budget'),
  },
  { kind: 'read/show', request: 'lemme see todo.txt', check: says('buy milk', 'write report') },
  {
    kind: 'read/show',
    request: 'what does the readme file say',
    check: says('This project uses a database'),
  },
  {
    kind: 'read/show',
    request: 'show the first three lines of data.csv',
    check: all(says('id,name,value', '1,item1,0', '2,item2,7'), saysNot('3,item3,')),
  },
  {
    kind: 'read/show',
    request: 'last 5 lines of app.log',
    check: all(says('10:29', '10:25'), saysNot('10:24')),
  },
  { kind: 'read/show', request: 'open the config.json file', check: says('example.com') },
  {
    kind: 'read/show',
    request: 'can u show me what the guide in docs says',
    check: says('Use the database wisely'),
  },
  { kind: 'read/show', request: 'print the contents of src/util.js', check: says('answer: 42') },
  { kind: 'read/show', request: 'read letter.txt from downloads', check: says('Dear Sir') },
  { kind: 'read/show', request: 'tail -n 2 debug.log', check: all(says('10:11', '10:10'), saysNot('10:09')) },
  { kind: 'read/show', request: 'show me the .bashrc', variant: 'users', check: says('alias ll') },
  { kind: 'read/show', request: 'whats inside archive.zip', check: says('hello.txt', 'readme.txt') },
  {
    kind: 'read/show',
    request: 'display the summary in the reports folder',
    variant: 'users',
    check: says('revenue is fine'),
  },
];

const SEARCH_CASES: UserCase[] = [
  { kind: 'search text', request: 'search for TODO', check: shows('notes.txt', 'main.js', 'helper.py') },
  {
    kind: 'search text',
    request: 'which files mention the database',
    check: all(shows('notes.txt', 'README.md', 'guide.md', 'main.js'), hides('todo.txt', 'api.md')),
  },
  {
    kind: 'search text',
    request: 'grep ERROR in the logs',
    // 'the logs' is the log files or the logs folder: either is a fair reading.
    check: either(
      all(shows('app.log', 'old.log', 'debug.log'), hides('notes.txt')),
      exactly('server.log', 'access.log'),
    ),
  },
  { kind: 'search text', request: 'find the word budget', check: exactly('notes.txt') },
  {
    kind: 'search text',
    request: 'look for "disk full" in app.log',
    check: all(shows('app.log'), says('disk full')),
  },
  { kind: 'search text', request: 'where do i use require', check: exactly('main.js') },
  {
    kind: 'search text',
    request: 'search the docs folder for install',
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md')),
  },
  {
    kind: 'search text',
    request: 'find lines containing revenue in reports',
    variant: 'users',
    check: shows('q1 report.txt', 'q2 report.txt', 'summary.md'),
  },
  { kind: 'search text', request: 'any files with the text "answer"?', check: exactly('util.js') },
  { kind: 'search text', request: 'grep -r helper src', check: shows('helper.py') },
  { kind: 'search text', request: 'seach for GET in docs', check: exactly('api.md') },
  { kind: 'search text', request: 'does config.json contain debug?', check: shows('config.json') },
];

const COUNT_CASES: UserCase[] = [
  { kind: 'count', request: 'how many rows does data.csv have', check: either(states(50), states(49)) },
  { kind: 'count', request: 'count the files in docs', check: states(4) },
  { kind: 'count', request: 'how many ERROR lines are in app.log', check: states(6) },
  { kind: 'count', request: 'word count of notes.txt', check: states(18) },
  { kind: 'count', request: 'how many pdfs are there', check: states(2) },
  { kind: 'count', request: 'count lines in every log file', check: states(30, 10, 12) },
  { kind: 'count', request: 'how many times does foo appear in notes.txt', check: states(2) },
  { kind: 'count', request: 'number of files in Downloads', check: states(5) },
  { kind: 'count', request: 'how many characters are in todo.txt', check: states(22) },
  { kind: 'count', request: 'how many js files do i have', check: states(2) },
  { kind: 'count', request: 'hw many lines does README.md have', check: states(4) },
  { kind: 'count', request: 'count the occurrences of INFO in debug.log', check: states(9) },
];

export const LOOK_CASES: readonly UserCase[] = [
  ...LIST_CASES,
  ...SIZE_CASES,
  ...READ_CASES,
  ...SEARCH_CASES,
  ...COUNT_CASES,
];
