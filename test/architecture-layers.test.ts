import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { coreRoom, type ImportEdge, layerOf, readImports, roomCycles, sourceFiles } from './helpers/imports.ts';
import { repoRoot } from './helpers/paths.ts';

/**
 * The layers of ../shared/ARCHITECTURE.md and docs/architecture.md, checked on every import in
 * src/. Each failure names the importing file and what it imports.
 */

/**
 * The rooms of core/, lowest first. A room may import rooms of its own rank or lower, never a
 * higher one; and no two rooms may import each other, directly or in a circle.
 */
const CORE_RANK: Record<string, number> = {
  core: 0, // errors.ts, abort.ts: the base of every room
  'core/text': 0, // sanitizing output, number formats, Go's and absl's integer parsing, RE2
  'core/envoy': 1, // config-dump sections → the typed model
  'core/istio': 2, // istioctl's own outputs (analyze, proxy-status), Istio names and labels
  'core/router': 2, // Envoy's HTTP router, shared by explain and route-check
  'core/authz': 2, // Envoy's RBAC filters (Istio's AuthorizationPolicy) evaluated for a request
  'core/intent': 5, // which Istio object applies to a request, and why the others do not
  'core/config': 2, // Istio, Gateway API and Kubernetes objects (intent), read from YAML/JSON
  'core/findings': 3, // analyzers over one proxy's model
  'core/analyze': 3, // Istio's config analyzers over objects read from files (istioctl analyze)
  'core/lb': 3, // Envoy's load balancer: which endpoint of a cluster takes a request, and its share
  'core/explain': 4, // the trace
  'core/routecheck': 5,
  'core/path': 5, // a request followed hop by hop through the proxies of a snapshot
  'core/accesslog': 5,
  'core/browse': 5,
  'core/diff': 5,
  'core/snapshot': 5,
  'core/top': 5,
  'core/report': 6, // text, Markdown, JSON and istioctl tables of everything above
};

/** Packages each layer may import (`node:*` is listed separately). */
const PACKAGES: Record<string, ReadonlySet<string>> = {
  core: new Set(['re2js', 'yaml']),
  sources: new Set(['execa', 'yaml']),
  app: new Set([]),
  ui: new Set(['ink', 'react', 'react/jsx-runtime', 'fuzzysort']),
  cli: new Set([]),
};

/** What each top-level layer may import from the others. */
const LAYER_MAY_IMPORT: Record<string, ReadonlySet<string>> = {
  core: new Set(['core']),
  sources: new Set(['core', 'sources', 'app']),
  app: new Set(['core', 'app']),
  ui: new Set(['core', 'app', 'ui']),
  cli: new Set(['core', 'app', 'sources', 'ui', 'cli']),
};

/**
 * The one file of app/ that sources/ may name: the MeshSource interface they implement. app/ and
 * ui/ see only that interface; cli/ alone constructs a concrete source.
 */
const SOURCE_INTERFACE = 'src/app/mesh-source.ts';

function describeEdge(e: ImportEdge): string {
  return `${e.from} imports ${e.specifier}`;
}

const edges = readImports('src');
const coreRooms = new Set(sourceFiles('src/core').map((file) => coreRoom(file)!));

describe('architecture layers', () => {
  it('reads the imports of every file in src/', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.deepEqual(
      Object.keys(CORE_RANK).filter((room) => !coreRooms.has(room)),
      [],
      'every ranked room has files',
    );
  });

  it('core/ reaches for no I/O, no process and no UI', () => {
    const bad = edges.filter(
      (e) => layerOf(e.from) === 'core' && e.target === undefined && (e.specifier.startsWith('node:') || !PACKAGES.core!.has(e.specifier)),
    );
    assert.deepEqual(bad.map(describeEdge), []);
  });

  it('each layer imports only the packages it owns', () => {
    const bad = edges.filter((e) => {
      if (e.target !== undefined) return false;
      const layer = layerOf(e.from);
      if (e.specifier.startsWith('node:')) return layer === 'core' || (layer === 'ui' && /^node:(fs|child_process|net|http)/.test(e.specifier));
      return !PACKAGES[layer]!.has(e.specifier);
    });
    assert.deepEqual(bad.map(describeEdge), []);
  });

  it('execa is imported in exactly one file', () => {
    assert.deepEqual(
      edges.filter((e) => e.specifier === 'execa').map((e) => e.from),
      ['src/sources/istioctl/exec.ts'],
    );
  });

  it('no import points up the layers (core → any other, sources → ui, app → a source, ui → sources)', () => {
    const bad = edges.filter((e) => {
      if (e.target === undefined) return false;
      const from = layerOf(e.from);
      const to = layerOf(e.target);
      if (!LAYER_MAY_IMPORT[from]!.has(to)) return true;
      return from === 'sources' && to === 'app' && e.target !== SOURCE_INTERFACE;
    });
    assert.deepEqual(bad.map(describeEdge), []);
  });

  it('every file of core/ sits in a ranked room', () => {
    assert.deepEqual(
      [...coreRooms].filter((room) => !(room in CORE_RANK)),
      [],
    );
  });

  it('no core room imports a room ranked above it', () => {
    const bad = edges.filter((e) => {
      const from = coreRoom(e.from);
      const to = e.target === undefined ? undefined : coreRoom(e.target);
      return from !== undefined && to !== undefined && (CORE_RANK[to] ?? 0) > (CORE_RANK[from] ?? 0);
    });
    assert.deepEqual(
      bad.map(
        (e) => `${describeEdge(e)} (${coreRoom(e.from)} rank ${CORE_RANK[coreRoom(e.from)!]} → ${coreRoom(e.target!)} rank ${CORE_RANK[coreRoom(e.target!)!]})`,
      ),
      [],
    );
  });

  it('no two core rooms import each other, directly or in a circle', () => {
    const cycles = roomCycles(edges);
    assert.deepEqual(
      cycles.map((c) => c.map(({ room, via }) => `${room} (${via})`).join(' → ')),
      [],
    );
  });

  it('docs/architecture.md names only files that exist', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');
    const missing: string[] = [];
    for (const row of doc.matchAll(/`((?:core|ui|app|sources|cli)\/[^`*]+\.tsx?)`((?:, `?[a-z-]+\.tsx?`?)*)/g)) {
      const first = row[1]!;
      const dir = path.posix.dirname(first);
      const siblings = [...(row[2] ?? '').matchAll(/([a-z-]+\.tsx?)/g)].map((m) => `${dir}/${m[1]}`);
      for (const file of [first, ...siblings]) if (!existsSync(path.join(repoRoot, 'src', file))) missing.push(file);
    }
    assert.deepEqual(missing, []);
  });
});
