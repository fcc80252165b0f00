import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { InputError } from '../src/core/errors.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { runCli } from './helpers/cli.ts';
import { corpusFiles } from './helpers/corpus-files.ts';
import { conformance } from './helpers/paths.ts';
import { countDump, isIstioMutual, type RawCounts, socketType, v2Markers } from './helpers/raw-dump.ts';

/**
 * Every real dump of ../shared/conformance (istio-real h01–h31, i12–i21, k01–k05, u01–u08 and the
 * istioctl-configdump tree) is either read whole, or refused whole with one line naming what it
 * is. Envoy v2 API config (Istio's 1.0–1.6 test data, the v2alpha captures, istioctl 1.6's camelCase
 * arrays) is refused: the v3 protos removed the fields it relies on (a filter's `config` Struct,
 * a cluster's `tls_context` and `hosts`, `per_filter_config`, route `regex`), so reading it as v3
 * would lose listeners, filters and upstream TLS without a word.
 */
const realDir = conformance('istio-real');
const istioctlDir = conformance('istioctl-configdump');

const files = corpusFiles;

function parseRaw(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

type Outcome = { config: ProxyConfig } | { refused: string };

async function load(file: string): Promise<Outcome> {
  try {
    return { config: await readProxyConfig({ dump: file }) };
  } catch (error) {
    if (error instanceof InputError) return { refused: error.message };
    throw error;
  }
}

const V2_REFUSAL = /: an (?:Envoy v2 API config dump|istioctl -o json list of Envoy v2 API resources) \((.+)\); meshscope reads Envoy v3 dumps/;

/** Every raw listener, cluster and route config is in the model, and its TLS is recognised; returns the TLS contexts checked. */
function assertReadWhole(file: string, config: ProxyConfig, raw: RawCounts): number {
  let tlsChecked = 0;
  const name = path.basename(file);
  assert.equal(config.listeners.length, raw.listeners.length, `${name}: listeners`);
  assert.equal(config.clusters.length, raw.clusters.length, `${name}: clusters`);
  assert.equal(config.routeConfigs.length, raw.routeConfigs, `${name}: route configs`);
  for (const rawCluster of raw.clusters) {
    const cluster = config.clusters.find((c) => c.name === (rawCluster.name ?? ''));
    assert.ok(cluster, `${name}: cluster ${String(rawCluster.name)}`);
    const socket = rawCluster.transport_socket;
    const matches = Array.isArray(rawCluster.transport_socket_matches) ? rawCluster.transport_socket_matches : [];
    const autoMtls = matches.some((m) => m?.match?.tlsMode === 'istio' && socketType(m.transport_socket) === 'UpstreamTlsContext');
    if (socketType(socket) === 'UpstreamTlsContext') {
      const want = isIstioMutual(socket) ? ['ISTIO_MUTUAL'] : ['SIMPLE', 'MUTUAL'];
      assert.ok(want.includes(cluster.tlsMode), `${name}: ${cluster.name} has upstream TLS, read as ${cluster.tlsMode}`);
      tlsChecked++;
    } else if (socket === undefined && matches.length === 0) {
      assert.equal(cluster.tlsMode, 'DISABLE', `${name}: ${cluster.name} has no transport socket`);
    }
    assert.equal(cluster.autoMtls, autoMtls, `${name}: ${cluster.name} auto mTLS`);
    if (autoMtls) tlsChecked++;
  }
  for (const rawListener of raw.listeners) {
    const chains = Array.isArray(rawListener.filter_chains) ? rawListener.filter_chains : [];
    const listener = config.listeners.find((l) => l.name === (rawListener.name ?? '') && l.filterChains.length === chains.length);
    assert.ok(listener, `${name}: listener ${String(rawListener.name)} with ${chains.length} chains`);
    chains.forEach((chain, i) => {
      if (socketType(chain?.transport_socket) !== 'DownstreamTlsContext') return;
      const tls = listener.filterChains[i]!.tls;
      assert.ok(tls, `${name}: ${listener.name} chain ${i} terminates TLS`);
      tlsChecked++;
      const required = chain.transport_socket.typed_config.require_client_certificate;
      if (isIstioMutual(chain.transport_socket) && (required === true || required?.value === true)) {
        assert.equal(tls.mode, 'ISTIO_MUTUAL', `${name}: ${listener.name} chain ${i} is Istio mTLS`);
      }
    });
  }
  return tlsChecked;
}

/** The CLI answers with a table or one line on stderr, never a stack trace. */
async function assertCliAnswers(file: string, argv: string[]): Promise<void> {
  const r = await runCli([...argv, '--file', file]);
  assert.ok([0, 1, 2].includes(r.code), `${path.basename(file)}: ${argv[0]} exited ${r.code}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, `${path.basename(file)}: ${argv[0]} printed a stack trace`);
  if (r.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${path.basename(file)}: ${argv[0]}: one line, got ${r.stderr}`);
    assert.ok(lines[0]!.includes(path.basename(file)), `${path.basename(file)}: the line names the file: ${lines[0]}`);
  }
}

describe('old dumps: read whole or refused with one line', () => {
  for (const [label, dir] of [
    ['istio-real', realDir],
    ['istioctl-configdump', istioctlDir],
  ] as const) {
    it(`every ${label} file is read with all its resources and TLS, or refused naming its shape`, async (t) => {
      if (!existsSync(dir)) {
        t.skip(`${label}: ../shared/conformance absent`);
        return;
      }
      const all = files(dir);
      assert.ok(all.length >= 5, `${label}: expected the corpus, found ${all.length} files`);
      const table: string[] = [];
      let tlsChecked = 0;
      for (const file of all) {
        const raw = parseRaw(file);
        const markers = raw === undefined ? [] : v2Markers(raw);
        const outcome = await load(file);
        const name = path.relative(dir, file);
        if ('refused' in outcome) {
          assert.ok(outcome.refused.includes(file), `${name}: the refusal names the file: ${outcome.refused}`);
          assert.ok(!outcome.refused.includes('\n'), `${name}: one line`);
          const v2 = V2_REFUSAL.exec(outcome.refused);
          if (v2) assert.ok(markers.length > 0, `${name}: refused as v2 without v2 markers: ${outcome.refused}`);
          table.push(`${name}: refused (${v2 ? `v2: ${v2[1]}` : outcome.refused.slice(file.length + 2, file.length + 60)})`);
          continue;
        }
        assert.deepEqual(markers, [], `${name}: read although it shows Envoy's v2 API`);
        const counts = countDump(raw);
        if (counts) tlsChecked += assertReadWhole(file, outcome.config, counts);
        const c = outcome.config;
        table.push(`${name}: read (${c.listeners.length} listeners, ${c.clusters.length} clusters, ${c.routeConfigs.length} route configs)`);
      }
      t.diagnostic(`${table.join('\n')}\n${tlsChecked} TLS contexts checked`);
      assert.ok(tlsChecked > 0, `${label}: no TLS context was checked`);
    });
  }

  it('no file makes `listeners` or `explain` print a stack trace', async (t) => {
    if (!existsSync(realDir) || !existsSync(istioctlDir)) {
      t.skip('old dumps: ../shared/conformance absent');
      return;
    }
    for (const file of [...files(realDir), ...files(istioctlDir)]) {
      await assertCliAnswers(file, ['listeners']);
      await assertCliAnswers(file, ['explain', 'GET http://productpage:9080/']);
    }
  });

  it('refuses istioctl 1.6 camelCase arrays by their own spelling (h28–h30)', async (t) => {
    const camel = existsSync(realDir) ? readdirSync(realDir).filter((f) => /^h(28|29|30)-/.test(f)) : [];
    if (camel.length === 0) {
      t.skip('istioctl 1.6 arrays: ../shared/conformance absent');
      return;
    }
    for (const file of camel) {
      const outcome = await load(path.join(realDir, file));
      assert.ok('refused' in outcome, `${file} is refused`);
      const found = V2_REFUSAL.exec(outcome.refused)?.[1] ?? '';
      const markers = v2Markers(parseRaw(path.join(realDir, file)));
      // The evidence is named as the file spells it (perFilterConfig, not per_filter_config).
      for (const m of markers.filter((k) => /^[a-z]+[A-Z]/.test(k))) assert.ok(found.includes(m), `${file}: names ${m}: ${found}`);
      assert.match(outcome.refused, /istioctl -o json list/);
    }
  });
});
