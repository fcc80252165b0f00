/**
 * An Envoy header map as router_check_tool sees it: ordered entries, names lower-cased, a name
 * may repeat (`addCopy` appends). Pseudo-headers (`:authority`, `:path`, ...) live in the same map.
 */
export class HeaderMap {
  private entries: [string, string][] = [];

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of entries) this.add(name, value);
  }

  /** Appends an entry (Envoy's addCopy). */
  add(name: string, value: string): void {
    this.entries.push([name.toLowerCase(), value]);
  }

  /** Replaces every entry of `name` by one (Envoy's setCopy), keeping the first one's position. */
  set(name: string, value: string): void {
    const lower = name.toLowerCase();
    const at = this.entries.findIndex(([n]) => n === lower);
    this.remove(lower);
    if (at === -1) this.entries.push([lower, value]);
    else this.entries.splice(at, 0, [lower, value]);
  }

  remove(name: string): void {
    const lower = name.toLowerCase();
    this.entries = this.entries.filter(([n]) => n !== lower);
  }

  has(name: string): boolean {
    const lower = name.toLowerCase();
    return this.entries.some(([n]) => n === lower);
  }

  /** Every value of `name`, in order. */
  values(name: string): string[] {
    const lower = name.toLowerCase();
    return this.entries.filter(([n]) => n === lower).map(([, v]) => v);
  }

  /** The first value of `name` (Envoy's `get_`), or '' when absent. */
  first(name: string): string {
    return this.values(name)[0] ?? '';
  }

  /** The values joined with "," as Envoy's HeaderMatcher reads a repeated header; undefined when absent. */
  joined(name: string): string | undefined {
    const values = this.values(name);
    return values.length ? values.join(',') : undefined;
  }

  list(): [string, string][] {
    return this.entries.map(([n, v]) => [n, v]);
  }

  clone(): HeaderMap {
    return new HeaderMap(this.entries);
  }
}
