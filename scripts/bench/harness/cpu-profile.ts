/** Summaries of a V8 `.cpuprofile` (what `node --cpu-prof` and the inspector's Profiler write). */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  /** `function (file:line)` or a file path. */
  key: string;
  selfMs: number;
  totalMs: number;
}

function shortUrl(url: string, root: string): string {
  const plain = url.replace(/^file:\/\//, '');
  return plain.startsWith(root) ? plain.slice(root.length + 1) : plain || '(native)';
}

/**
 * Time per function and per file: self (samples in it) and total (samples with it anywhere on the
 * stack, each counted once however deep the recursion), sorted by total then self.
 */
export function summarizeProfile(profile: CpuProfile, root: string): { functions: ProfileRow[]; files: ProfileRow[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const fnKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} (${shortUrl(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1})`;
  const fileKey = (n: ProfileNode) => shortUrl(n.callFrame.url, root);
  const functions = new Map<string, ProfileRow>();
  const files = new Map<string, ProfileRow>();
  const row = (table: Map<string, ProfileRow>, key: string) => {
    let r = table.get(key);
    if (!r) {
      r = { key, selfMs: 0, totalMs: 0 };
      table.set(key, r);
    }
    return r;
  };
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(id)!;
    row(functions, fnKey(leaf)).selfMs += ms;
    row(files, fileKey(leaf)).selfMs += ms;
    const seenFns = new Set<string>();
    const seenFiles = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const f = fnKey(node);
      const file = fileKey(node);
      if (!seenFns.has(f)) {
        row(functions, f).totalMs += ms;
        seenFns.add(f);
      }
      if (!seenFiles.has(file)) {
        row(files, file).totalMs += ms;
        seenFiles.add(file);
      }
    }
  });
  const sort = (rows: Iterable<ProfileRow>) => [...rows].sort((a, b) => b.selfMs - a.selfMs);
  return { functions: sort(functions.values()), files: sort(files.values()), totalMs };
}

export function formatProfileRows(title: string, rows: ProfileRow[], totalMs: number, top: number): string {
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  const lines = rows
    .slice(0, top)
    .map((r) => `${r.selfMs.toFixed(0).padStart(7)} ms ${pct(r.selfMs)} self ${r.totalMs.toFixed(0).padStart(7)} ms ${pct(r.totalMs)} total  ${r.key}`);
  return [`${title} (sorted by self time)`, ...lines, ''].join('\n');
}
