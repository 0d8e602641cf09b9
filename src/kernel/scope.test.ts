import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScope, parseScope } from './scope.ts';

describe('token scopes', () => {
  it('names the system, one agent or one resource', () => {
    assert.deepEqual(parseScope('system'), { kind: 'system' });
    assert.deepEqual(parseScope('agent:42'), { kind: 'agent', pid: 42 });
    assert.deepEqual(parseScope('resource:llm'), { kind: 'resource', name: 'llm' });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'System',
      'agent:0',
      'agent:01',
      'agent:12345678901',
      'resource:',
      'resource:LLM',
      'file:/etc',
    ]) {
      assert.equal(parseScope(bad), undefined, bad);
      assert.equal(isScope(bad), false, bad);
    }
  });
});
