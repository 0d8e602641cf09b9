import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RIGHTS } from './rights.ts';
import { higherRisk, isRisk, RISK, RISK_MAX, RISK_RIGHTS, RISK_SCALE, riskAllowedBy } from './risk.ts';

describe('risk levels', () => {
  it('a handle allows the highest level whose rights it holds in full', () => {
    for (let level = 0; level <= RISK_MAX; level++) assert.equal(riskAllowedBy(RISK_RIGHTS[level]), level);
    assert.equal(riskAllowedBy(RIGHTS.USE), -1);
    assert.equal(riskAllowedBy(RISK_RIGHTS[RISK.DESTROY] & ~RIGHTS.MANAGE), RISK.CREATE);
  });

  it('a plan is as risky as its riskiest step', () => {
    assert.equal(higherRisk(RISK.CREATE, RISK.DESTROY), RISK.DESTROY);
    assert.equal(higherRisk(RISK.OVERWRITE, RISK.READ_ONLY), RISK.OVERWRITE);
  });

  it('levels run from read-only to delete, and the scale names each', () => {
    assert.deepEqual(
      [isRisk(0), isRisk(3), isRisk(4), isRisk(-1), isRisk(1.5)],
      [true, true, false, false, false],
    );
    assert.equal(RISK_SCALE, '0 read-only, 1 creates or moves, 2 overwrites, 3 deletes or kills');
  });
});
