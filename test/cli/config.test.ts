// Configuration: file, then environment; bad values are named; the secret key is made once, private.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, loadSecret, secretPath } from '../../src/config.js';

test('the config file, overridden by the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-config-'));
  writeFileSync(
    join(dir, 'vraagbaak.config.json'),
    JSON.stringify({ database: 'a.db', sessionIdleMinutes: 10 }),
  );
  assert.deepEqual(loadConfig({}, dir), { database: 'a.db', sessionIdleMinutes: 10 });
  assert.deepEqual(loadConfig({ VRAAGBAAK_DB: 'b.db', VRAAGBAAK_SESSION_IDLE_MINUTES: '5' }, dir), {
    database: 'b.db',
    sessionIdleMinutes: 5,
  });
  assert.throws(() => loadConfig({ VRAAGBAAK_TOKEN_DAYS: 'veel' }, dir), ConfigError);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ sesionIdleMinutes: 10 }));
  assert.throws(
    () => loadConfig({ VRAAGBAAK_CONFIG: join(dir, 'bad.json') }, dir),
    /sesionIdleMinutes|Unrecognized/,
  );
  writeFileSync(join(dir, 'broken.json'), '{ "database": ');
  assert.throws(
    () => loadConfig({ VRAAGBAAK_CONFIG: join(dir, 'broken.json') }, dir),
    /broken\.json: not JSON/,
  );
});

test("the chamber's recesses for the deadlines: read from the file, a wrong one named", () => {
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-config-'));
  const summer = { name: 'Zomerreces 2027', from: '2027-07-02', to: '2027-08-30' };
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ recesses: [summer] }));
  assert.deepEqual(loadConfig({ VRAAGBAAK_CONFIG: join(dir, 'ok.json') }, dir), { recesses: [summer] });
  writeFileSync(join(dir, 'backwards.json'), JSON.stringify({ recesses: [{ ...summer, to: '2027-06-01' }] }));
  assert.throws(
    () => loadConfig({ VRAAGBAAK_CONFIG: join(dir, 'backwards.json') }, dir),
    /recesses.*from must not be after to/s,
  );
  writeFileSync(join(dir, 'date.json'), JSON.stringify({ recesses: [{ ...summer, from: '2 juli' }] }));
  assert.throws(() => loadConfig({ VRAAGBAAK_CONFIG: join(dir, 'date.json') }, dir), /recesses/);
});

test('the secret key is made on first use, readable by its owner only, and kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-secret-'));
  const path = secretPath({}, join(dir, 'data', 'archief.db'));
  assert.equal(path, join(dir, 'data', 'vraagbaak.secret'));
  const first = loadSecret(path);
  assert.equal(first.length, 32);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(loadSecret(path), first);
});
