import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable } from './printable.ts';

test('control characters become visible escapes; text, newlines, tabs and CRLF stay', () => {
  assert.equal(printable('\x1b[2Jgone\x07'), '\\u001b[2Jgone\\u0007');
  assert.equal(printable('over\rwrite'), 'over\\u000dwrite');
  assert.equal(printable('\x9b31m \x7f \u202eevil'), '\\u009b31m \\u007f \\u202eevil');
  assert.equal(printable('a\tb\r\nc\nd é 日本'), 'a\tb\r\nc\nd é 日本');
  const json = JSON.stringify({ msg: '\x9b2J\x1b]0;t\x07' });
  assert.deepEqual(JSON.parse(printable(json)), { msg: '\x9b2J\x1b]0;t\x07' });
});
