import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { inboundDump } from './helpers/inbound-dump.ts';

describe('meshscope explain --inbound', () => {
  let dir = '';
  let dump = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-inbound-'));
    dump = path.join(dir, 'server.json');
    writeFileSync(dump, JSON.stringify(inboundDump()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('-o json carries the inbound block; --port sets the target port apart from the URL (service) port', async () => {
    const r = await runCli(['explain', '--file', dump, '--inbound', '--port', '8080', '-o', 'json', 'GET http://server.ns:80/api']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.inbound.port, 8080);
    assert.equal(out.inbound.peer, 'mtls');
    assert.equal(out.inbound.chain, '0.0.0.0_8080');
    assert.equal(out.inbound.mode, 'STRICT');
    assert.equal(out.cluster, 'inbound|8080||');
  });

  it('--peer plaintext on a STRICT port: text names the closed connection, exit 1', async () => {
    const r = await runCli(['explain', '--file', dump, '--inbound', '--peer', 'plaintext', 'GET http://server.ns:8080/']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /inbound port 8080 \(STRICT\), plaintext peer: no filter chain takes the connection/);
    assert.match(r.stdout, /inbound: port 8080, plaintext peer, ALPN http\/1\.1, no chain, mode STRICT/);
  });

  it('Markdown has the Inbound fact line', async () => {
    const r = await runCli([
      'explain',
      '--file',
      dump,
      '--inbound',
      '--principal',
      'spiffe://cluster.local/ns/a/sa/b',
      '-o',
      'markdown',
      'GET http://server.ns:9090/',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /- \*\*Inbound:\*\* port 9090, mtls peer \(spiffe:\/\/cluster\.local\/ns\/a\/sa\/b\)/);
  });

  for (const [args, line] of [
    [['--inbound', '--peer', 'mutual'], /--peer mutual is not one of mtls, tls, plaintext/],
    [['--inbound', '--port', '70000'], /--port 70000 is not a port number \(1-65535\)/],
    [['--inbound', '--principal', 'client'], /--principal client is not a SPIFFE ID/],
    [['--inbound', '--peer', 'plaintext', '--principal', 'spiffe://cluster.local/ns/a/sa/b'], /--principal needs --peer mtls/],
    [['--peer', 'tls'], /--peer applies to the server side only: add --inbound/],
    [['--inbound', '--why-not', 'v1'], /--why-not explains the client side/],
  ] as const) {
    it(`bad input ${args.join(' ')}: one line, exit 2`, async () => {
      const r = await runCli(['explain', '--file', dump, ...args, 'GET http://server.ns:8080/']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, line);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }
});
