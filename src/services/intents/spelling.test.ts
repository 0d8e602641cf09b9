import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneEdit, Vocabulary } from './spelling.ts';

test('one edit: an insertion, deletion, substitution or swap of neighbours, no more', () => {
  assert.ok(oneEdit('forcast', 'forecast'));
  assert.ok(oneEdit('emials', 'emails'));
  assert.ok(oneEdit('summerize', 'summarize'));
  assert.ok(!oneEdit('summerize', 'summarise'));
  assert.ok(!oneEdit('jake', 'take2'));
});

test('a misspelt word is repaired only to the one registered word it is an edit from, never a real word', () => {
  const v = new Vocabulary();
  v.add('weather forecast for today; remind me');
  const known = (w: string) => ['wether', 'lisbon'].includes(w);
  assert.equal(v.repair('Forcast for lisbon', known), 'forecast for lisbon');
  assert.equal(v.repair('wether tomorrow', known), 'wether tomorrow', 'a real word is left alone');
  v.add('remand');
  assert.equal(v.repair('remnd me', known), 'remnd me', 'two candidates: no guess');
  v.remove('remand');
  assert.equal(v.repair('remnd me', known), 'remind me');
});
