import { Parser } from 'yaml';

/**
 * Whether a YAML (or JSON) text nests deeper than `limit`, measured on the yaml package's CST
 * before its recursive composer runs (that composer overflows the call stack near 1,000 levels,
 * and aborts the process a few thousand levels deeper). The CST parser is a stack machine and
 * this walk uses an explicit stack, so any depth is safe. Block maps, block sequences and flow
 * collections each count one level, as the JSON they become.
 */
const CONTAINERS = new Set(['block-map', 'block-seq', 'flow-collection']);
const CHILDREN = ['value', 'key', 'sep', 'items', 'start', 'end'] as const;

export function yamlDepthOverflows(text: string, limit: number): boolean {
  for (const doc of new Parser().parse(text)) {
    const stack: [unknown, number][] = [[doc, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (typeof node !== 'object' || node === null) continue;
      const own = CONTAINERS.has((node as { type?: string }).type ?? '') ? depth + 1 : depth;
      if (own > limit) return true;
      for (const key of CHILDREN) {
        const child = (node as Record<string, unknown>)[key];
        if (Array.isArray(child)) for (const item of child) stack.push([item, own]);
        else if (typeof child === 'object' && child !== null) stack.push([child, own]);
      }
    }
  }
  return false;
}
