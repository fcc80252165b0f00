import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

/** One import of a source file: what it names, and the repository file it resolves to (relative imports only). */
export interface ImportEdge {
  /** Repository-relative path of the importing file (`src/core/router/route-match.ts`). */
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file; undefined for a package or `node:` import. */
  target?: string;
  /** `import(…)`: loaded when the code runs, not with the importing module. */
  dynamic?: true;
  /** `import type` / `export type`: erased from the compiled module. */
  typeOnly?: true;
}

const STATIC = /(?:^|;)\s*(?:import|export)\s[^;]*?[\s}]from\s*['"]([^'"]+)['"]/gm;
const BARE = /(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The `.ts`/`.tsx` files under `dir`, repository-relative. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every static, re-export and dynamic import of the `.ts`/`.tsx` files under `dir` (repository-relative). */
export function readImports(dir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(dir).sort()) {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const found = [
      ...[...text.matchAll(STATIC), ...text.matchAll(BARE)].map((m) => ({
        specifier: m[1]!,
        dynamic: false,
        typeOnly: /^\W*(?:import|export)\s+type\s/.test(m[0]),
      })),
      ...[...text.matchAll(DYNAMIC)].map((m) => ({ specifier: m[1]!, dynamic: true, typeOnly: false })),
    ];
    for (const { specifier, dynamic, typeOnly } of found) {
      const edge: ImportEdge = { from: file, specifier };
      if (specifier.startsWith('.')) edge.target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      if (dynamic) edge.dynamic = true;
      if (typeOnly) edge.typeOnly = true;
      edges.push(edge);
    }
  }
  return edges;
}

/** `core`, `sources`, `app`, `ui` or `cli` for a file under src/. */
export function layerOf(file: string): string {
  return file.split('/')[1] ?? '';
}

/** The core room of a file: `core/router` for src/core/router/x.ts, `core` for src/core/errors.ts; undefined outside core/. */
export function coreRoom(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts[1] !== 'core') return undefined;
  return parts.length > 3 ? `core/${parts[2]}` : 'core';
}

/**
 * The circles among core rooms (Tarjan's strongly connected components of the room graph), each
 * as the rooms in it with one importing file per step.
 */
export function roomCycles(edges: readonly ImportEdge[]): { room: string; via: string }[][] {
  const graph = new Map<string, Map<string, string>>();
  for (const e of edges) {
    const from = coreRoom(e.from);
    const to = e.target === undefined ? undefined : coreRoom(e.target);
    if (from === undefined || to === undefined || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, e.from);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (room: string): void => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    onStack.add(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(room, Math.min(low.get(room)!, index.get(next)!));
      }
    }
    if (low.get(room) === index.get(room)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== room);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const room of [...graph.keys()].sort()) if (!index.has(room)) visit(room);
  return components.map((component) =>
    component.map((room) => {
      const next = component.find((other) => graph.get(room)?.has(other));
      return { room, via: next ? `${graph.get(room)!.get(next)} → ${next}` : '' };
    }),
  );
}
