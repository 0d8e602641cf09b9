import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correct, distance } from './typos.ts';

test('distance counts a swap of neighbours as one edit', () => {
  assert.equal(distance('shwo', 'show', 2), 1);
  assert.equal(distance('delte', 'delete', 2), 1);
  assert.equal(distance('kitten', 'sitting', 5), 3);
  assert.equal(distance('abc', 'xyzxyz', 2), 3); // stops past the limit
});

test('common typos of verbs and nouns are read as the word meant', () => {
  const cases: Record<string, string> = {
    shwo: 'show',
    mvoe: 'move',
    delte: 'delete',
    remvoe: 'remove',
    coppy: 'copy',
    fiels: 'files',
    fles: 'files',
    foler: 'folder',
    imgaes: 'images',
    serach: 'search',
    renmae: 'rename',
    teh: 'the',
  };
  for (const [typo, word] of Object.entries(cases)) assert.equal(correct(typo), word, typo);
});

test('known words, names and ambiguous typos are left alone', () => {
  for (const w of ['show', 'nginx', 'tickerd', 'lodash', 'long', 'important', 'prent']) {
    assert.equal(correct(w), undefined, w);
  }
});

test('a typo never becomes a destructive verb unless it is plainly one', () => {
  assert.equal(correct('fill'), undefined); // not "kill"
  assert.equal(correct('kiss'), undefined);
  assert.equal(correct('relete'), undefined); // not "delete": another first letter
  assert.equal(correct('erasee'), 'erase');
  assert.equal(correct('dlete'), 'delete');
});

test('of two words one edit away, the one that keeps the first letter is meant', () => {
  assert.equal(correct('seach'), 'search'); // not "each"
  assert.equal(correct('rname'), 'rename'); // not "name"
  assert.equal(correct('hw'), 'how');
  assert.equal(correct('prent'), undefined, 'two candidates with its first letter stay ambiguous');
});
