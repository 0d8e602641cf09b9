import assert from 'node:assert/strict';
import { hash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sha256HexOf } from './sha256.ts';

const node = (text: string) => hash('sha256', text, 'hex');

test('the FIPS 180-4 examples', () => {
  assert.equal(sha256HexOf(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256HexOf('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256HexOf('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(
    sha256HexOf(
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    ),
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  );
  assert.equal(
    sha256HexOf('a'.repeat(1_000_000)),
    'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
  );
});

test('the same digest as node:crypto at every length across several blocks', () => {
  for (let length = 0; length <= 300; length++) {
    const text = randomBytes(length).toString('latin1').slice(0, length);
    assert.equal(sha256HexOf(text), node(text), `length ${length}`);
  }
});

test('the same digest as node:crypto for text beyond ASCII, lone surrogates included', () => {
  for (const text of [
    'é',
    '…',
    '日本語のテキスト',
    '🙂 emoji',
    '\ud800',
    'a\udc00b',
    '\u0000\uffff',
    'x'.repeat(55) + '€',
  ]) {
    assert.equal(sha256HexOf(text), node(text), JSON.stringify(text));
  }
  for (let i = 0; i < 200; i++) {
    const codes = Array.from({ length: i }, (_, j) => (j * 7919 + i * 104729) % 0x10000);
    const text = String.fromCharCode(...codes);
    assert.equal(sha256HexOf(text), node(text));
  }
});

test('an audit line chained on the previous hash, as the kernel hashes it', () => {
  const previous = '0'.repeat(64);
  const body =
    '{"seq":1,"t":1765100000000.25,"kind":"boot","pid":0,"what":"kernel_boot","ok":true,"detail":{"policy":"fair","auditLevel":"standard","resumedAt":0}}';
  assert.equal(sha256HexOf(previous + body), node(previous + body));
});
