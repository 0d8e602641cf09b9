import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ChildSpec,
  exitKind,
  type RestartType,
  restartWanted,
  SHUTDOWN_EXIT_CODE,
} from './child-spec.ts';

const worker = { id: 'w', kind: 'worker' } as ChildSpec;
const sup = { id: 's', kind: 'supervisor' } as ChildSpec;

test('exits are normal, shutdown (a child supervisor gave up) or abnormal', () => {
  assert.equal(exitKind(worker, { code: 0, reason: 'normal' }), 'normal');
  assert.equal(exitKind(worker, { code: 1, reason: 'error' }), 'abnormal');
  assert.equal(exitKind(worker, { code: 137, reason: 'killed' }), 'abnormal');
  assert.equal(exitKind(worker, { code: 1, reason: 'memory_limit' }), 'abnormal');
  assert.equal(exitKind(worker, { code: SHUTDOWN_EXIT_CODE, reason: 'error' }), 'abnormal');
  assert.equal(exitKind(sup, { code: SHUTDOWN_EXIT_CODE, reason: 'error' }), 'shutdown');
});

test('permanent always restarts, transient only after an abnormal exit, temporary never', () => {
  const table: [RestartType, boolean, boolean, boolean][] = [
    // type, after normal, after shutdown, after abnormal
    ['permanent', true, true, true],
    ['transient', false, false, true],
    ['temporary', false, false, false],
  ];
  for (const [type, normal, shutdown, abnormal] of table) {
    assert.equal(restartWanted(type, 'normal'), normal, `${type} after normal`);
    assert.equal(restartWanted(type, 'shutdown'), shutdown, `${type} after shutdown`);
    assert.equal(restartWanted(type, 'abnormal'), abnormal, `${type} after abnormal`);
  }
});
