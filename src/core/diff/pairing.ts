/**
 * Which proxy of one capture is which of the other. Pods get new names when they restart
 * (`reviews-v1-5896f547f5-7cjxn` → `reviews-v1-5896f547f5-q2x8d`, or a new ReplicaSet hash), so
 * proxies are paired by name first, then by workload: the pod name without the ReplicaSet and pod
 * suffixes, in the same namespace, when that is unique on both sides.
 */
export interface ProxyPairing {
  pairs: [string, string][];
  onlyInA: string[];
  onlyInB: string[];
}

/** `reviews-v1-5896f547f5-7cjxn.bookinfo` → `reviews-v1.bookinfo`; other names stay as they are. */
export function workloadKey(proxy: string): string {
  const dot = proxy.lastIndexOf('.');
  const pod = dot > 0 ? proxy.slice(0, dot) : proxy;
  const ns = dot > 0 ? proxy.slice(dot) : '';
  return pod.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '') + ns;
}

export function pairProxies(a: string[], b: string[]): ProxyPairing {
  const inB = new Set(b);
  const pairs: [string, string][] = a.filter((n) => inB.has(n)).map((n) => [n, n]);
  const restA = a.filter((n) => !inB.has(n));
  const setA = new Set(a);
  const restB = b.filter((n) => !setA.has(n));
  const group = (names: string[]) => {
    const m = new Map<string, string[]>();
    for (const n of names) m.set(workloadKey(n), [...(m.get(workloadKey(n)) ?? []), n]);
    return m;
  };
  const ga = group(restA);
  const gb = group(restB);
  const paired = new Set<string>();
  for (const [key, names] of ga) {
    const other = gb.get(key);
    if (names.length === 1 && other?.length === 1) {
      pairs.push([names[0]!, other[0]!]);
      paired.add(names[0]!).add(other[0]!);
    }
  }
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { pairs, onlyInA: restA.filter((n) => !paired.has(n)), onlyInB: restB.filter((n) => !paired.has(n)) };
}
