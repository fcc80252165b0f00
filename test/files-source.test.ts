import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../src/core/errors.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

const dumpFile = conformance('istioctl-configdump', 'istioctl', 'pkg', 'proxyconfig', 'testdata', 'config_dump.json');

async function inputError(paths: { dump: string; endpoints?: string }): Promise<InputError> {
  try {
    await readProxyConfig(paths);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.exitCode, 2);
    assert.ok(!error.message.includes('\n'));
    return error;
  }
  assert.fail('loaded');
}

describe('reading proxy config files', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-files-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a dump and an endpoints file into one model named after the dump', { skip: needsConformance }, async () => {
    const endpoints = path.join(dir, 'clusters.json');
    writeFileSync(
      endpoints,
      JSON.stringify({
        cluster_statuses: [
          {
            name: 'agent',
            host_statuses: [{ address: { socket_address: { address: '127.0.0.1', port_value: 15020 } }, health_status: { eds_health_status: 'HEALTHY' } }],
          },
        ],
      }),
    );
    const config = await readProxyConfig({ dump: dumpFile, endpoints });
    assert.equal(config.source, dumpFile);
    assert.equal(config.clusters.length, 3);
    assert.equal(config.index.hostStatusByCluster.get('agent')?.hosts[0]?.healthStatus, 'HEALTHY');
  });

  it('names a missing file', { skip: needsConformance }, async () => {
    const missing = path.join(dir, 'nope.json');
    assert.equal((await inputError({ dump: missing })).message, `${missing}: no such file`);
    assert.equal((await inputError({ dump: dumpFile, endpoints: missing })).message, `${missing}: no such file`);
  });

  it('names a directory', async () => {
    assert.equal((await inputError({ dump: dir })).message, `${dir}: is a directory; expected a JSON file`);
  });

  it('names an empty file', async () => {
    const empty = path.join(dir, 'empty.json');
    writeFileSync(empty, '');
    assert.match((await inputError({ dump: empty })).message, /^.*empty\.json: is empty; expected JSON/);
  });

  it('names an unreadable file', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
    const locked = path.join(dir, 'locked.json');
    writeFileSync(locked, '{}');
    chmodSync(locked, 0o000);
    assert.equal((await inputError({ dump: locked })).message, `${locked}: permission denied: cannot read the file`);
  });

  it('names a file of the wrong shape', async () => {
    const other = path.join(dir, 'other.json');
    writeFileSync(other, '{"kind": "Pod", "spec": {}}');
    assert.equal(
      (await inputError({ dump: other })).message,
      `${other}: expected an Envoy config dump ({configs: [...]}), an istioctl -o json array or /clusters JSON; found an object with keys kind, spec`,
    );
  });
});
