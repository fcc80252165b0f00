import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../../src/core/envoy/json.ts';
import { readSnapshot } from '../../src/sources/snapshot/read.ts';
import { writeSnapshot } from '../../src/sources/snapshot/write.ts';
import { HOSTILE, plantHostile } from './hostile-dump.ts';
import { fixture } from './paths.ts';

/**
 * The bookinfo snapshot as captured (`plainSnapshot`) and with hostile names planted in every
 * proxy's config dump, /clusters output and stats (`snapshot`): `diff A B` compares the two.
 */
export async function writeHostileSnapshot(dir: string): Promise<{ snapshot: string; plainSnapshot: string }> {
  const plainSnapshot = fixture('snapshots', 'bookinfo.json.gz');
  const s = await readSnapshot(plainSnapshot);
  for (const proxy of s.proxies.values()) {
    if (proxy.configDump !== undefined) proxy.configDump = plantHostile(proxy.configDump) as Json;
    if (proxy.endpoints !== undefined) proxy.endpoints = plantHostile(proxy.endpoints) as Json;
    if (proxy.stats !== undefined) proxy.stats = plantHostile(proxy.stats) as Json;
  }
  s.context = `kind${HOSTILE}`;
  const snapshot = path.join(dir, 'hostile.json.gz');
  await writeSnapshot(snapshot, s);
  return { snapshot, plainSnapshot };
}

/** A route-check config and tests (router_check_tool's formats) with hostile names, cluster names and expectations. */
export function writeRouteCheckFiles(dir: string): { routes: string; tests: string } {
  const routes = path.join(dir, 'routes.yaml');
  const tests = path.join(dir, 'tests.json');
  const config = {
    name: `rc${HOSTILE}`,
    virtual_hosts: [
      {
        name: `vh${HOSTILE}`,
        domains: ['example.com', `d${HOSTILE}`],
        routes: [
          { name: `r${HOSTILE}`, match: { prefix: '/a' }, route: { cluster: `c${HOSTILE}` } },
          { name: `other${HOSTILE}`, match: { prefix: '/' }, route: { cluster: 'plain' } },
        ],
      },
    ],
  };
  const file = {
    tests: [
      { test_name: `t1${HOSTILE}`, input: { authority: 'example.com', path: '/a', method: 'GET' }, validate: { cluster_name: `c${HOSTILE}` } },
      { test_name: `t2${HOSTILE}`, input: { authority: 'example.com', path: '/b', method: 'GET' }, validate: { cluster_name: `expected${HOSTILE}` } },
    ],
  };
  writeFileSync(routes, JSON.stringify(config));
  writeFileSync(tests, JSON.stringify(file));
  return { routes, tests };
}
