import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { ConfigError, loadLlmConfig } from './config.ts';
import { llmConfigured } from './configured.ts';

function home(t: { after(fn: () => void): void }, config?: unknown): string {
  const env = testEnv(t);
  mkdirSync(env.aiosHome, { recursive: true });
  if (config !== undefined) {
    writeFileSync(
      join(env.aiosHome, 'config.json'),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
  }
  return env.aiosHome;
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('no ConfigError');
}

test('no file and no variables: no model, offline only', (t) => {
  const h = home(t);
  assert.equal(loadLlmConfig(h, {}), undefined);
  assert.equal(llmConfigured(h, {}), false);
});

test('a config file with two models on two providers, defaults filled in', (t) => {
  const h = home(t, {
    other: { untouched: true },
    llm: {
      providers: {
        local: { api: 'openai', baseUrl: 'http://127.0.0.1:11434/v1/' },
        claude: { api: 'anthropic', apiKeyEnv: 'MY_KEY' },
      },
      models: {
        strong: { provider: 'claude', model: 'claude-sonnet-4-5', price: { input: 3, output: 15 } },
        cheap: { provider: 'local', model: 'qwen2.5:7b', mode: 'json', stream: false },
      },
      cache: { ttlMs: 1000 },
    },
  });
  assert.equal(llmConfigured(h, {}), true);
  const c = loadLlmConfig(h, { MY_KEY: 'k-1' })!;
  assert.equal(c.providers.get('local')?.baseUrl, 'http://127.0.0.1:11434/v1');
  assert.equal(c.providers.get('claude')?.baseUrl, 'https://api.anthropic.com');
  assert.equal(c.providers.get('claude')?.apiKey, 'k-1');
  assert.deepEqual(c.models.strong?.price, { input: 3, output: 15 });
  assert.equal(c.models.strong?.stream, true);
  assert.equal(c.models.cheap?.mode, 'json');
  assert.equal(c.models.cheap?.stream, false);
  assert.deepEqual(c.cache, { enabled: true, ttlMs: 1000, maxEntries: 1000 });
});

test('environment variables alone configure a provider and models', (t) => {
  const h = home(t);
  const env = {
    AIOS_LLM_BASE_URL: 'http://127.0.0.1:8080/v1',
    AIOS_LLM_MODEL: 'big',
    AIOS_LLM_CHEAP_MODEL: 'small',
    AIOS_LLM_API_KEY: 'sk-x',
  };
  assert.equal(llmConfigured(h, env), true);
  const c = loadLlmConfig(h, env)!;
  assert.equal(c.providers.get('env')?.api, 'openai');
  assert.equal(c.providers.get('env')?.apiKey, 'sk-x');
  assert.equal(c.models.strong?.model, 'big');
  assert.equal(c.models.cheap?.model, 'small');
  assert.equal(loadLlmConfig(h, { ...env, AIOS_LLM: 'off' }), undefined);
  assert.equal(llmConfigured(h, { ...env, AIOS_LLM: 'off' }), false);
});

test('variables override the file for the model they set', (t) => {
  const h = home(t, {
    llm: { providers: { a: { api: 'openai' } }, models: { strong: { provider: 'a', model: 'file-model' } } },
  });
  const c = loadLlmConfig(h, { AIOS_LLM_MODEL: 'env-model', AIOS_LLM_API: 'anthropic' })!;
  assert.equal(c.models.strong?.model, 'env-model');
  assert.equal(c.models.strong?.provider, 'env');
  assert.equal(c.providers.get('env')?.api, 'anthropic');
  assert.match(c.source, /config\.json and AIOS_LLM_\* variables/);
});

test('mistakes are one line naming the field and the fix', (t) => {
  const cases: [unknown, RegExp][] = [
    ['{ "llm": ', /not valid JSON.*fix the file or move it aside/],
    [[1, 2], /must hold a JSON object/],
    [{ llm: { providers: { x: { api: 'gemini' } } } }, /llm\.providers\.x\.api: .*use openai or anthropic/],
    [
      { llm: { providers: { x: { api: 'openai', baseUrl: 'ftp://h' } } } },
      /llm\.providers\.x\.baseUrl: .*http\(s\) URL/,
    ],
    [
      { llm: { providers: { x: { api: 'openai', bogus: 1 } } } },
      /llm\.providers\.x: unknown field 'bogus'; remove it/,
    ],
    [
      { llm: { models: { strong: { provider: 'nope', model: 'm' } } } },
      /llm\.models\.strong\.provider 'nope' names no provider; define it under llm\.providers/,
    ],
    [{ llm: { models: { strong: { provider: 'x' } } } }, /llm\.models\.strong\.model: is required/],
    [{ llm: { models: { medium: {} } } }, /llm\.models: unknown field 'medium'/],
    [
      {
        llm: {
          providers: { x: { api: 'openai', apiKeyEnv: 'UNSET_VAR' } },
          models: { strong: { provider: 'x', model: 'm' } },
        },
      },
      /apiKeyEnv names 'UNSET_VAR', which is not set; export it or remove apiKeyEnv/,
    ],
    [{ llm: { retries: { perModel: 50 } } }, /llm\.retries\.perModel: Too big/],
  ];
  for (const [config, pattern] of cases) {
    const h = home(t, config);
    assert.match(
      configError(() => loadLlmConfig(h, {})),
      pattern,
    );
  }
});

test('bad variables are named', (t) => {
  const h = home(t);
  assert.match(
    configError(() => loadLlmConfig(h, { AIOS_LLM_API: 'x', AIOS_LLM_MODEL: 'm' })),
    /^AIOS_LLM_API must be one of/,
  );
  assert.match(
    configError(() => loadLlmConfig(h, { AIOS_LLM_BASE_URL: 'http://h/v1' })),
    /AIOS_LLM_MODEL is not/,
  );
  assert.match(
    configError(() => loadLlmConfig(h, { AIOS_LLM_MODEL: 'm', AIOS_LLM_BASE_URL: 'not a url' })),
    /^AIOS_LLM_BASE_URL: .*http\(s\) URL/,
  );
  assert.equal(llmConfigured(h, { AIOS_LLM_BASE_URL: 'http://h/v1' }), true, 'boot reports the mistake');
});
