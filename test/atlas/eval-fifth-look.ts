/**
 * The fifth held-out set's looking requests: listing and finding files, sizes and the
 * biggest, reading and showing. Nothing here may change a file (onlyChanged() with no path).
 */
import {
  all,
  exactly,
  first,
  hides,
  onlyChanged,
  reportsBytes,
  says,
  saysNot,
  shows,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const still = onlyChanged();

const LIST_CASES: UserCase[] = [
  {
    kind: 'list/find',
    request: 'whats in this folder',
    check: all(shows('notes.txt', 'todo.txt', 'report.pdf', 'data.csv'), still),
  },
  {
    kind: 'list/find',
    request: 'ls my Downloads pls',
    check: all(exactly('invoice.pdf', 'holiday.jpg', 'tune.mp3', 'setup.zip', 'letter.txt'), still),
  },
  {
    kind: 'list/find',
    request: 'find every markdown file',
    check: all(shows('README.md', 'guide.md', 'guide-copy.md', 'api.md'), hides('notes.txt'), still),
  },
  { kind: 'list/find', request: "where's the python file?", check: all(shows('helper.py'), still) },
  {
    kind: 'list/find',
    request: 'list the pictures in here',
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'report.pdf'), still),
  },
  { kind: 'list/find', request: 'any hidden files in this dir?', check: all(shows('.hidden'), still) },
  {
    kind: 'list/find',
    request: 'show me the files i touched in the last 24 hours',
    check: all(shows('app.log', 'todo.txt'), hides('notes.txt', 'data.csv', 'old.log'), still),
  },
  {
    kind: 'list/find',
    request: "which files haven't been modified for more than 6 months",
    check: all(shows('photo.jpg', 'screenshot.png'), hides('song.mp3', 'old.log', 'notes.txt'), still),
  },
  {
    kind: 'list/find',
    request: 'find files bigger than 100k',
    check: all(
      shows('big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
      hides('photo.jpg', 'notes.txt'),
      still,
    ),
  },
  {
    kind: 'list/find',
    request: 'lsit the folders here',
    check: all(shows('docs', 'logs', 'src', 'empty-dir'), hides('notes.txt', 'data.csv'), still),
  },
  {
    kind: 'list/find',
    request: "what's inside the src directory",
    check: all(shows('main.js', 'util.js'), hides('notes.txt'), still),
  },
  {
    kind: 'list/find',
    request: 'find the files that are empty',
    check: all(shows('empty.txt'), hides('notes.txt', 'todo.txt'), still),
  },
  {
    kind: 'list/find',
    request: 'show me all the .JPG photos',
    variant: 'users',
    check: all(shows('IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'), hides('photo.jpg'), still),
  },
  {
    kind: 'list/find',
    request: "look for files with 'guide' in the name",
    check: all(shows('guide.md', 'guide-copy.md'), hides('api.md', 'README.md'), still),
  },
  {
    kind: 'list/find',
    request: 'list every log under logs/',
    check: all(exactly('server.log', 'access.log'), still),
  },
  { kind: 'list/find', request: 'can u find the csv', check: all(shows('data.csv'), still) },
  {
    kind: 'list/find',
    request: 'which mp3 files do i have in my home folder',
    check: all(shows('song.mp3', 'tune.mp3'), hides('photo.jpg'), still),
  },
];

const SIZE_CASES: UserCase[] = [
  {
    kind: 'size/biggest',
    request: 'which file is the biggest one in this folder',
    check: all(first('big.bin'), still),
  },
  {
    kind: 'size/biggest',
    request: 'top 3 largest files in this dir',
    check: all(first('big.bin', 'medium.dat', 'song.mp3'), still),
  },
  {
    kind: 'size/biggest',
    request: 'report.pdf - how many bytes is it',
    check: all(reportsBytes(122_889), still),
  },
  {
    kind: 'size/biggest',
    request: 'how much room does docs/ take',
    check: all(reportsBytes(30_836, 60_000), still),
  },
  { kind: 'size/biggest', request: 'smallest file in this dir pls', check: all(first('empty.txt'), still) },
  {
    kind: 'size/biggest',
    request: 'how large is my downloads folder',
    check: all(reportsBytes(112_782, 140_000), still),
  },
  {
    kind: 'size/biggest',
    request: 'which one is bigger, song.mp3 or photo.jpg?',
    check: all(first('song.mp3'), still),
  },
  {
    kind: 'size/biggest',
    request: 'sort the files here by size, largest first',
    check: all(first('big.bin', 'medium.dat'), still),
  },
  {
    kind: 'size/biggest',
    request: 'what is the largest file in my home directory',
    check: all(first('trip.mp4'), still),
  },
  {
    kind: 'size/biggest',
    request: 'how much do the mp3 files in this folder weigh in total',
    check: all(reportsBytes(153_600), still),
  },
  {
    kind: 'size/biggest',
    request: 'whats the file size of big.bin',
    check: all(reportsBytes(614_400), still),
  },
  {
    kind: 'size/biggest',
    request: 'what are the two heaviest files in Downloads',
    check: all(first('holiday.jpg', 'tune.mp3'), still),
  },
  {
    kind: 'size/biggest',
    request: 'total size of the files in the logs folder',
    check: all(reportsBytes(1_980, 8_192), still),
  },
  {
    kind: 'size/biggest',
    request: 'is there anything over half a meg in here',
    check: all(shows('big.bin'), hides('medium.dat', 'song.mp3'), still),
  },
  {
    kind: 'size/biggest',
    request: "what's eating the space in this folder",
    check: all(first('big.bin'), still),
  },
];

const READ_CASES: UserCase[] = [
  { kind: 'read/show', request: 'show todo.txt', check: all(says('buy milk', 'write report'), still) },
  { kind: 'read/show', request: 'cat ./config.json', check: all(says('example.com', 'debug'), still) },
  {
    kind: 'read/show',
    request: 'open up the README for me',
    check: all(says('This project uses a database'), still),
  },
  { kind: 'read/show', request: "what's written in notes.txt?", check: all(says('call Bob'), still) },
  {
    kind: 'read/show',
    request: 'first 2 lines of data.csv',
    check: all(says('id,name,value', '1,item1,0'), saysNot('item2,'), still),
  },
  { kind: 'read/show', request: 'tail the app log', check: all(says('10:29'), still) },
  {
    kind: 'read/show',
    request: 'read me the very last line of old.log',
    check: all(says('10:09 ERROR disk full'), saysNot('10:08'), still),
  },
  { kind: 'read/show', request: 'print the api doc', check: all(says('GET /items'), still) },
  { kind: 'read/show', request: 'show me the helper script', check: all(says('def helper'), still) },
  {
    kind: 'read/show',
    request: "display the letter.txt that's in my downloads",
    check: all(says('Dear Sir'), still),
  },
  {
    kind: 'read/show',
    request: 'what does the guide in docs say',
    check: all(says('Use the database wisely'), still),
  },
  {
    kind: 'read/show',
    request: 'peek at the top of server.log',
    check: all(says('2024-05-01 10:00'), still),
  },
  { kind: 'read/show', request: 'show me my .bashrc', variant: 'users', check: all(says('alias ll'), still) },
  {
    kind: 'read/show',
    request: 'could you show me what summary.md in reports says',
    variant: 'users',
    check: all(says('revenue is fine'), still),
  },
  { kind: 'read/show', request: 'contents of util.js', check: all(says('answer: 42'), still) },
];

export const LOOK_CASES: readonly UserCase[] = [...LIST_CASES, ...SIZE_CASES, ...READ_CASES];
