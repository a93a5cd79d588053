// The official XML reaches its reader from every door: readSource, the CLI, the upload endpoint.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { detectSource } from '../../../src/read/detect.js';
import { ReadError } from '../../../src/read/errors.js';
import { readSource } from '../../../src/read/index.js';
import { cliArgs } from '../../helpers/cli.js';
import { words } from '../../helpers/read.js';
import { startTestServer } from '../../helpers/test-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sample = join(root, 'test/fixtures/xml/ah-tk-20202021-3235.xml');

test('detection by content: each format to its reader, archives and images refused', async () => {
  const xml = readFileSync(sample);
  assert.deepEqual(detectSource(xml), { kind: 'xml' });
  const read = await readSource(xml, { fileName: null, words });
  assert.equal(read.reader, 'xml');
  assert.equal(read.publication.source.reader, 'xml');
  assert.equal(detectSource(Buffer.from('Vraag 1\nHoeveel?')).kind, 'text');
  assert.equal(detectSource(Buffer.from('<!DOCTYPE html><html><body>x</body></html>')).kind, 'html');
  assert.equal(detectSource(Buffer.from('<?xml version="1.0"?>\n<html><body>x</body></html>')).kind, 'html');
  assert.equal(detectSource(Buffer.from('%PDF-1.7\n%âãÏÓ\n')).kind, 'pdf');
  const zip = (name: string) =>
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);
  assert.equal(detectSource(zip('[Content_Types].xml')).kind, 'docx');
  assert.equal(detectSource(zip('photos/cat.jpg')).kind, 'unsupported');
  assert.equal(detectSource(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])).kind, 'unsupported');
  await assert.rejects(readSource(zip('photos/cat.jpg'), { fileName: null, words }), ReadError);
});

test('vraagbaak parse reads the XML and says what is wrong with XML it cannot read', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, cliArgs(...args), {
      cwd: root,
      encoding: 'utf8',
    });
  const ok = run('parse', sample, '--format', 'json');
  assert.equal(ok.status, 0, ok.stderr);
  const pub = JSON.parse(ok.stdout) as { id: string; source: { reader: string } };
  assert.equal(pub.id, 'ah-tk-20202021-3235');
  assert.equal(pub.source.reader, 'xml');
  // With its metadata.xml beside it, the title (which the XML body lacks) is read from there.
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-xml-'));
  copyFileSync(sample, join(dir, 'ah-tk-20202021-3235.xml'));
  copyFileSync(sample.replace(/\.xml$/, '.metadata.xml'), join(dir, 'ah-tk-20202021-3235.metadata.xml'));
  const withMeta = run('parse', join(dir, 'ah-tk-20202021-3235.xml'));
  assert.equal(withMeta.status, 0, withMeta.stderr);
  assert.match(withMeta.stderr, /official XML \(KOOP\) reader, with its metadata\.xml, 9 questions/);
  assert.match(JSON.parse(withMeta.stdout).title, /^Antwoord op vragen van de leden Van Weyenberg/);
  const bad = run('parse', join(root, 'test/fixtures/xml/kst-32545-143.xml'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /kst-32545-143\.xml: .*no questions and answers/);
});

test('the upload endpoint stores official XML, and it is found by search', async () => {
  const server = await startTestServer({ fixtures: false });
  try {
    const response = await fetch(`${server.url}/api/v1/imports`, {
      method: 'POST',
      body: readFileSync(sample),
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${server.adminToken}` },
    });
    assert.equal(response.status, 201, await response.clone().text());
    const body = (await response.json()) as { id: string; questions: number };
    assert.equal(body.id, 'ah-tk-20202021-3235');
    assert.equal(body.questions, 9);
    const found = (await (await fetch(`${server.url}/api/v1/search?q=overbruggingsregeling`)).json()) as {
      results: { publication: { id: string } }[];
    };
    assert.equal(found.results[0]?.publication.id, 'ah-tk-20202021-3235');
  } finally {
    await server.close();
  }
});
