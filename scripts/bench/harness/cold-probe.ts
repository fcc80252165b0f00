/**
 * Child process that times what a one-shot command pays in a fresh process, after the file is read:
 *
 *   node cold-probe.js explain FILE SERVICES → load, the first explain, then WARM_REQUESTS more
 *   node cold-probe.js read FILE             → load, then a first read of everything built lazily
 *
 * One JSON line on stdout (ColdProbe). A fresh process because "first" means a cold JIT and
 * lazy parts not yet built: in the bench process, earlier benches would have warmed both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import type { ProxyConfig } from '../../../src/core/envoy/types.ts';
import { explain } from '../../../src/core/explain/explain.ts';
import { parseRequest } from '../../../src/core/router/request.ts';
import { planMesh } from '../dump/plan.ts';
import { loadDumpBytes } from './cli-path.ts';
import { percentile, timeOnce } from './measure.ts';
import { benchCases, oneShotRequest } from './requests.ts';

/** Requests explained after the first one, each once, in order: no warm-up, no best-of. */
export const WARM_REQUESTS = 500;

export interface ColdProbe {
  /** readFileSync of the dump as UTF-8. */
  readMs: number;
  /** The bytes split into sections, each parsed, + loadProxyConfig: as the CLI does once the file is read. */
  loadMs: number;
  /** explain mode: the first explain() call after the load, and its outcome. */
  cold?: { ms: number; outcome: string };
  /** explain mode: the next WARM_REQUESTS varied requests. */
  warm?: { count: number; p50: number; p99: number; max: number };
  /** read mode: reading every route config's virtual hosts, every assignment's endpoints, the load issues. */
  fullRead?: { ms: number; routeConfigs: number; routes: number; clusters: number; endpoints: number; issues: number };
}

/** Reads every route config, cluster and endpoint (and the load issues): the lazy parts get built here. */
function readEverything(config: ProxyConfig): NonNullable<ColdProbe['fullRead']> {
  let routes = 0;
  for (const routeConfig of config.routeConfigs) for (const host of routeConfig.virtualHosts.value) routes += host.routes.length;
  let endpoints = 0;
  for (const assignment of config.endpoints) for (const locality of assignment.localities.value) endpoints += locality.endpoints.length;
  // Clusters and listeners are plain data, built by the load: nothing more to build.
  return { ms: 0, routeConfigs: config.routeConfigs.length, routes, clusters: config.clusters.length, endpoints, issues: config.issues.value.length };
}

const [mode, file, services] = process.argv.slice(2) as ['explain' | 'read', string, string | undefined];
let bytes: Buffer | null = null;
// Into shared memory, as readInputBytes reads a large file for the CLI (its scan runs in a worker).
const readMs = timeOnce(() => {
  const plain = readFileSync(file);
  bytes = Buffer.from(new SharedArrayBuffer(plain.length), 0, plain.length);
  plain.copy(bytes);
});
let config: ProxyConfig | undefined;
const loadStart = performance.now();
config = await loadDumpBytes(path.basename(file), bytes!);
const loadMs = performance.now() - loadStart;
bytes = null;
const probe: ColdProbe = { readMs, loadMs };
if (mode === 'read') {
  let counts: NonNullable<ColdProbe['fullRead']> | undefined;
  const ms = timeOnce(() => {
    counts = readEverything(config!);
  });
  probe.fullRead = { ...counts!, ms };
} else {
  const plan = planMesh({ services: Number(services) });
  const first = oneShotRequest(plan);
  const request = parseRequest(first.line, first.headers);
  let outcome = '';
  const ms = timeOnce(() => {
    outcome = explain(config!, request, {}).outcome;
  });
  probe.cold = { ms, outcome };
  const warm = benchCases(plan, WARM_REQUESTS).map((c) => timeOnce(() => explain(config!, c.request, c.options)));
  probe.warm = { count: warm.length, p50: percentile(warm, 50), p99: percentile(warm, 99), max: Math.max(...warm) };
}
process.stdout.write(`${JSON.stringify(probe)}\n`);
