import type { JsonObject } from './json.ts';
import type { LoadIssue } from './types.ts';

/**
 * Collects what the loader could not use. Unknown fields are aggregated per message kind and
 * field (`cluster.typed_extension_protocol_options on 34 clusters`) so a real dump yields a short,
 * readable list instead of thousands of lines.
 */
export class IssueSink {
  readonly issues: LoadIssue[] = [];
  private readonly unknown = new Map<string, { count: number; example: string }>();

  report(issue: LoadIssue): void {
    this.issues.push(issue);
  }

  /** Notes every key of `obj` that is not in `known` (keys starting with `@` are ignored). */
  unknownFields(kind: string, where: string, obj: JsonObject, known: ReadonlySet<string>): void {
    for (const key in obj) {
      if (known.has(key) || key.charCodeAt(0) === 64) continue;
      const id = `${kind}.${key}`;
      const seen = this.unknown.get(id);
      if (seen) seen.count++;
      else this.unknown.set(id, { count: 1, example: where });
    }
  }

  /** All issues, with the aggregated unknown fields last. */
  finish(): LoadIssue[] {
    const out = [...this.issues];
    for (const [id, { count, example }] of this.unknown) {
      out.push({
        severity: 'info',
        code: 'unknown-field',
        message: `field ${id} is not interpreted by meshscope (${count} ${count === 1 ? 'object' : 'objects'}, e.g. ${example})`,
        where: example,
      });
    }
    return out;
  }
}
