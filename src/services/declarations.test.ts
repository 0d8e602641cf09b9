import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceDeclarations } from './declarations.ts';
import { SYSTEM_SERVICES } from './system.ts';

test('the CLI knows the declarations of exactly the services the system runs', async () => {
  // the CLI reads declarations.ts (zod schemas only) to stay quick; the system starts
  // SYSTEM_SERVICES: a service added to one and not the other would lose its CLI or its calls
  assert.deepEqual(
    await serviceDeclarations(),
    SYSTEM_SERVICES.map((s) => s.decl),
  );
  for (const decl of await serviceDeclarations()) {
    assert.ok(
      SYSTEM_SERVICES.some((s) => s.decl === decl),
      `${decl.name} is the same object`,
    );
  }
});
