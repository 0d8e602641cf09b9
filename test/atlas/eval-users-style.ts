/**
 * Ordinary requests in the shapes people actually type them: with typos, wrapped in
 * politeness, cut down to two words, or with the words in a shaky order. Each has the same
 * right answer as its plain form, so a miss here is the phrasing, not the task.
 */
import {
  all,
  contains,
  either,
  exactly,
  exists,
  first,
  foundBelow,
  gone,
  newArchiveWith,
  onlyChanged,
  output,
  says,
  saysNot,
  shows,
  states,
} from './eval-checks.ts';
import type { UserCase } from './eval-harness.ts';

const memory = output(
  'memory figures',
  (o) => typeof o.available === 'number' && typeof o.total === 'number',
);

export const STYLE_CASES: UserCase[] = [
  // typos
  {
    kind: 'list/find',
    request: 'shwo me the pdfs',
    check: all(shows('report.pdf', 'manual.pdf'), exactly('report.pdf', 'manual.pdf')),
  },
  {
    kind: 'delete',
    request: 'delte the tmp files',
    check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp')),
  },
  { kind: 'list/find', request: 'lsit all python files', check: exactly('helper.py') },
  { kind: 'size/biggest', request: 'whats teh biggest file here', check: first('big.bin') },
  { kind: 'search text', request: 'serach for budget', check: all(exactly('notes.txt'), says('budget')) },
  { kind: 'count', request: 'cuont the lines in data.csv', check: states(50) },
  {
    kind: 'move/rename',
    request: 'renmae todo.txt to tasks.txt',
    check: all(contains('tasks.txt', 'buy milk'), gone('todo.txt')),
  },
  { kind: 'archive/extract', request: 'unzpi archive.zip', check: foundBelow('.', 'hello.txt') },
  { kind: 'system info', request: 'how much memroy is free', check: memory },
  { kind: 'git', variant: 'git', request: 'git stauts', check: says('notes.txt', 'new.txt') },
  {
    kind: 'copy',
    request: 'cpoy notes.txt to notes2.txt',
    check: all(contains('notes2.txt', 'Meeting notes'), exists('notes.txt')),
  },
  { kind: 'create/write', request: 'mkae a folder called drafts', check: exists('drafts/') },

  // politeness
  {
    kind: 'size/biggest',
    request: 'Could you please show me the 5 biggest files in my home folder?',
    check: first('trip.mp4', 'big.bin', 'medium.dat', 'song.mp3', 'report.pdf'),
  },
  {
    kind: 'archive/extract',
    request: 'would you mind zipping the docs folder for me?',
    check: newArchiveWith(/\.zip$/, 'guide.md'),
  },
  { kind: 'system info', request: 'hey, can you tell me how much free memory there is?', check: memory },
  {
    kind: 'read/show',
    request: "I'd like to see the last 5 lines of debug.log, please",
    check: all(says('10:07', '10:11'), saysNot('10:06')),
  },
  {
    kind: 'move/rename',
    request: 'Please move all the .tmp files into a folder called trash, thanks!',
    check: all(exists('trash/draft.tmp', 'trash/cache.tmp'), gone('draft.tmp', 'cache.tmp')),
  },
  {
    kind: 'delete',
    request: 'would you be so kind as to delete empty.txt',
    check: all(gone('empty.txt'), onlyChanged('empty.txt')),
  },
  {
    kind: 'process',
    needs: 'proc',
    request: 'Can u check if mailsyncd is still running',
    check: either(
      says('mailsyncd'),
      output('yes', (o) => o.running === true && o.total === 2),
    ),
  },

  // terse, or the words in an unusual order
  { kind: 'list/find', request: 'pdfs?', check: exactly('report.pdf', 'manual.pdf') },
  { kind: 'system info', request: 'disk space', check: output('disk list', (o) => Array.isArray(o.disks)) },
  { kind: 'size/biggest', request: 'files big show me', check: either(first('big.bin'), first('trip.mp4')) },
  { kind: 'read/show', request: 'notes.txt contents', check: says('Meeting notes', 'End of notes') },
  { kind: 'count', request: 'log files how many lines', check: states(30, 10, 12) },
  {
    kind: 'move/rename',
    request: 'todo.txt rename to tasks.txt',
    check: all(exists('tasks.txt'), gone('todo.txt')),
  },
  { kind: 'read/show', request: 'the json file, show it', check: says('"debug": true') },
  { kind: 'size/biggest', request: 'biggest 3', check: first('big.bin', 'medium.dat', 'song.mp3') },
  { kind: 'system info', request: 'ram', check: memory },
  { kind: 'system info', request: 'uptime', check: output('uptime', (o) => typeof o.seconds === 'number') },
  { kind: 'network', request: 'ip of localhost', check: either(says('127.0.0.1'), says('::1')) },
];
