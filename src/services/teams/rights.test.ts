import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RISK, RISK_RIGHTS } from '../../kernel/risk.ts';
import type { ServiceCaller } from '../serve.ts';
import { roleToolRights, teamRisk } from './rights.ts';

const caller = (tool: number | undefined, owner = false): ServiceCaller => ({
  pid: 9,
  name: 'alice',
  owner,
  resources: tool === undefined ? {} : { tool },
});

test('a team gets the highest right named, never more than its caller holds', () => {
  assert.equal(teamRisk('read,overwrite', caller(undefined, true)), RISK.OVERWRITE);
  assert.equal(teamRisk(undefined, caller(RISK_RIGHTS[RISK.DESTROY])), RISK.CREATE, 'default create');
  assert.equal(teamRisk(undefined, caller(RISK_RIGHTS[RISK.READ_ONLY])), RISK.READ_ONLY, 'default capped');
  assert.throws(() => teamRisk('delete', caller(RISK_RIGHTS[RISK.CREATE])), {
    code: 'E_NO_RIGHTS',
    message: /holds tool rights up to risk 1 \(creates or moves\), so its team cannot be given 'delete'/,
  });
  assert.throws(() => teamRisk(undefined, caller(undefined)), {
    code: 'E_NO_RIGHTS',
    message: /holds no tool rights/,
  });
  assert.throws(() => teamRisk('fly', caller(undefined, true)), {
    code: 'E_BAD_ARG',
    message: /^Unknown right 'fly'/,
  });
});

test('each role holds only its own tool rights', () => {
  assert.equal(roleToolRights('planner', RISK.DESTROY), undefined);
  assert.equal(roleToolRights('researcher', RISK.DESTROY), RISK_RIGHTS[RISK.READ_ONLY]);
  assert.equal(roleToolRights('validator', RISK.DESTROY), RISK_RIGHTS[RISK.READ_ONLY]);
  assert.equal(roleToolRights('executor', RISK.CREATE), RISK_RIGHTS[RISK.CREATE]);
});
