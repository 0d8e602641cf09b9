import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leadingClause } from './clauses.ts';
import { RareWords } from './rare-words.ts';

test('a compound request is read by its leading clause; a "to" before a place or a person starts none', () => {
  assert.equal(leadingClause('remind me to email bob tomorrow'), 'remind me');
  assert.equal(leadingClause('I need a reminder to pay rent'), 'I need a reminder');
  assert.equal(leadingClause('directions to the museum'), undefined);
  assert.equal(leadingClause('send it to my sister'), undefined);
  assert.equal(leadingClause('route to work'), undefined, 'one word before it: no clause to weigh');
});

test('a "to do list" is a thing, not a purpose; a question is about what follows its "to"', () => {
  assert.equal(leadingClause('put renew car insurance on my to do list'), undefined);
  assert.equal(leadingClause('how long does it take to cycle to the office'), undefined);
  assert.equal(leadingClause('which train do i take to get to brighton'), undefined);
  assert.equal(
    leadingClause('could you remind me to call mum'),
    'could you remind me',
    'a polite request keeps its clause',
  );
  assert.equal(leadingClause('ping me at 5 to call the dentist'), 'ping me at 5');
});

test('a rare word WordNet never met in use may be a typo; a common one never is', () => {
  const rare = new RareWords();
  try {
    assert.ok(rare.is('summerize'), 'summerize: listed, never tagged');
    assert.ok(rare.is('calender'));
    assert.ok(!rare.is('summarize'));
    assert.ok(!rare.is('train'), 'a common word is meant as written');
    assert.ok(!rare.is('forcast'), 'not a word at all: the ordinary repair handles it');
  } finally {
    rare.close();
  }
});
