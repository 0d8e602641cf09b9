import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capture, parse } from './parse.ts';

test('sizes: comparators, units, ranges', () => {
  assert.equal(parse('list files over 100 MB').minSize, 100 * 1024 ** 2);
  assert.equal(parse('files bigger than 1.5GB').minSize, Math.round(1.5 * 1024 ** 3));
  assert.equal(parse('files under 10 KB').maxSize, 10 * 1024);
  assert.equal(parse('which files are over 500k').minSize, 500 * 1024);
  const range = parse('files between 50 KB and 2 MB');
  assert.deepEqual([range.minSize, range.maxSize], [50 * 1024, 2 * 1024 ** 2]);
});

test('ages: older, newer, today, not touched in', () => {
  assert.equal(parse('log files older than 7 days').olderThan, '7d');
  assert.equal(parse('files more than a week old').olderThan, '1w');
  assert.equal(parse('files not modified in 30 days').olderThan, '30d');
  assert.equal(parse('files changed in the last 24 hours').newerThan, '24h');
  assert.equal(parse('what did I change today').newerThan, '1d');
  assert.equal(parse('files older than two months').olderThan, '2mo');
});

test('counts, with numbers spelled out, but not sizes or ages', () => {
  assert.equal(parse('show the five largest files').count, 5);
  assert.equal(parse('top 3 files').count, 3);
  assert.equal(parse('the 10 most recent files').count, 10);
  assert.equal(parse('files over 5 MB').count, undefined);
  assert.equal(parse('files older than 3 days').count, undefined);
});

test('kinds of files become extensions; a place is not a kind', () => {
  assert.deepEqual(parse('delete all .log files').exts, ['log']);
  assert.deepEqual(parse('find the pdfs').exts, ['pdf']);
  assert.ok(parse('move the images').exts.includes('png'));
  assert.deepEqual(parse('show pdf documents').exts, ['pdf']);
  assert.deepEqual(parse('delete everything in logs').exts, []);
});

test('quoted text, URLs, hosts and file names become placeholders', () => {
  const u = parse(
    "write 'hello and goodbye' to notes.txt then fetch https://example.com/a?b=1 and resolve example.org",
  );
  assert.deepEqual(u.quoted, ['hello and goodbye']);
  assert.deepEqual(u.files, ['notes.txt']);
  assert.deepEqual(u.urls, ['https://example.com/a?b=1']);
  assert.deepEqual(u.hosts, ['example.org']);
  assert.ok(!u.text.includes('notes.txt'));
  assert.deepEqual(parse('cp a.txt b/ and/or c').files, ['a.txt', 'b/']);
});

test('capture returns the original case', () => {
  const u = parse('search for TODO in SRC');
  assert.equal(capture(u, /\bfor (\S+)/), 'TODO');
});

test('contractions are expanded before quotes are read', () => {
  const u = parse("what's in 'my file.txt'");
  assert.deepEqual(u.quoted, ['my file.txt']);
  assert.match(u.text, /^what is in/);
});
