/** Summary of a V8 sampling heap profile (HeapProfiler.stopSampling): bytes allocated per function. */

export interface SamplingHeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingHeapNode[];
}

/**
 * Bytes allocated per function, largest first. Built-ins (`split`, `exec`, `Map.set`, which have
 * no script) are charged to the script function that called them: `split <- parseX (file:line)`.
 */
export function allocationsByFunction(head: SamplingHeapNode, root: string): { key: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  const name = (node: SamplingHeapNode) => {
    const file = node.callFrame.url.replace(/^file:\/\//, '');
    const short = file.startsWith(root) ? file.slice(root.length + 1) : file;
    return `${node.callFrame.functionName || '(anonymous)'} (${short}:${node.callFrame.lineNumber + 1})`;
  };
  const walk = (node: SamplingHeapNode, caller: string) => {
    const own = node.callFrame.url ? name(node) : '';
    const key = own || (caller ? `${node.callFrame.functionName} <- ${caller}` : node.callFrame.functionName || '(root)');
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, own || caller);
  };
  walk(head, '');
  return [...bytes].map(([key, n]) => ({ key, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}
