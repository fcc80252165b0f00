import { ROUTING_OBJECTS } from './issue-kinds.ts';
import type { JsonObject } from './json.ts';
import type { LoadIssue } from './types.ts';

/**
 * Collects what the loader could not use. Unknown fields are aggregated per message kind and
 * field (`cluster.typed_extension_protocol_options on 34 clusters`) so a real dump yields a short,
 * readable list instead of thousands of lines. Unknown fields on the objects that steer traffic
 * (`ROUTING_OBJECTS`) are warnings of kind `routing-field` and keep every place they were seen
 * (explain tells whether one is on the request's path); the others are informational.
 *
 * Parts of the input the loader reads on first use (a route config's virtual hosts) report into a
 * deferred sink (`defer`): `finish()` first reads every such part, then lists all issues in input
 * order, exactly as if everything had been read up front.
 */
interface Unknown {
  count: number;
  example: string;
  /** Every place, for fields of ROUTING_OBJECTS. */
  places?: string[];
}
interface Part {
  issues: LoadIssue[];
  unknown: Map<string, Unknown>;
  /** Fields of Envoy's API that meshscope does not interpret (route messages), aggregated like `unknown`, every place kept. */
  ignored: Map<string, Unknown>;
}
interface DeferredPart {
  child: IssueSink;
  read: () => void;
}

const newPart = (): Part => ({ issues: [], unknown: new Map(), ignored: new Map() });

function note(map: Map<string, Unknown>, id: string, where: string, keepPlaces: boolean): void {
  const seen = map.get(id);
  if (seen) {
    seen.count++;
    seen.places?.push(where);
  } else map.set(id, keepPlaces ? { count: 1, example: where, places: [where] } : { count: 1, example: where });
}

function merge(into: Map<string, Unknown>, from: Map<string, Unknown>): void {
  for (const [id, found] of from) {
    const seen = into.get(id);
    if (!seen) into.set(id, { ...found, places: found.places && [...found.places] });
    else {
      seen.count += found.count;
      if (seen.places && found.places) for (const place of found.places) seen.places.push(place);
    }
  }
}

export class IssueSink {
  private readonly parts: (Part | DeferredPart)[] = [];
  private current: Part = newPart();

  report(issue: LoadIssue): void {
    this.current.issues.push(issue);
  }

  /** Notes every key of `obj` that is not in `known` (keys starting with `@` are ignored). */
  unknownFields(kind: string, where: string, obj: JsonObject, known: ReadonlySet<string>): void {
    for (const key in obj) {
      if (known.has(key) || key.charCodeAt(0) === 64) continue;
      note(this.current.unknown, `${kind}.${key}`, where, ROUTING_OBJECTS.has(kind));
    }
  }

  /**
   * The fields of a route message against Envoy's proto (`route-known-fields.ts`): a name the
   * proto lacks is an unknown field; a proto field meshscope neither interprets nor knows to be
   * inert is a warning naming it (aggregated per kind and field, every place kept for explain).
   */
  routeFields(kind: string, where: string, obj: JsonObject, spec: { known: ReadonlySet<string>; handled: ReadonlySet<string> }): void {
    for (const key in obj) {
      if (spec.handled.has(key) || key.charCodeAt(0) === 64) continue;
      if (spec.known.has(key)) note(this.current.ignored, `${kind}.${key}`, where, true);
      else note(this.current.unknown, `${kind}.${key}`, where, ROUTING_OBJECTS.has(kind));
    }
  }

  /**
   * `unknownFields` for an object located at `section[name]` (`clusters[outbound|80||a]`): the
   * location is only spelled out when an unknown field is found.
   */
  unknownFieldsIn(kind: string, section: string, name: string, obj: JsonObject, known: ReadonlySet<string>): void {
    for (const key in obj) {
      if (known.has(key) || key.charCodeAt(0) === 64) continue;
      this.unknownFields(kind, `${section}[${name}]`, obj, known);
      return;
    }
  }

  /**
   * A sink for a part of the input that is read later, by `read` (which must be idempotent): its
   * issues take this place in `finish()`'s order.
   */
  defer(read: () => void): IssueSink {
    const child = new IssueSink();
    this.parts.push(this.current, { child, read });
    this.current = newPart();
    return child;
  }

  /**
   * Runs `check` (which reports into the sink it is given) once, when the issues are first
   * listed, with its issues at this place in their order: for checks that only feed the issue
   * list, such as the unknown fields of every cluster and endpoint of a large dump.
   */
  deferCheck(check: (sink: IssueSink) => void): void {
    let done = false;
    const child: IssueSink = this.defer(() => {
      if (done) return;
      done = true;
      check(child);
    });
  }

  /**
   * Reads the deferred parts `finish()` reads first, in the same order, yielding after each
   * (reads are idempotent: `finish()` then only lists): for a terminal UI that counts the issues
   * of a large proxy in the background (app/background-issues.ts).
   */
  *readSteps(): Generator<void, void, undefined> {
    for (const part of [...this.parts]) {
      if (!('child' in part)) continue;
      part.read();
      yield;
      yield* part.child.readSteps();
    }
  }

  /** All issues (deferred parts read first), with the aggregated fields not interpreted, then unknown fields, last. */
  finish(): LoadIssue[] {
    const out: LoadIssue[] = [];
    const unknown = new Map<string, Unknown>();
    const ignored = new Map<string, Unknown>();
    this.collect(out, unknown, ignored);
    for (const [id, { count, example, places }] of ignored) {
      const issue: LoadIssue = {
        severity: 'warning',
        code: 'not-interpreted',
        message: `field ${id} is part of Envoy's API but not interpreted by meshscope; answers that depend on it may differ from Envoy's (${count} ${count === 1 ? 'object' : 'objects'}, e.g. ${example})`,
        where: example,
      };
      if (places) issue.places = places;
      out.push(issue);
    }
    for (const [id, { count, example, places }] of unknown) {
      const issue: LoadIssue = {
        severity: places ? 'warning' : 'info',
        code: 'unknown-field',
        message: `field ${id} is not interpreted by meshscope (${count} ${count === 1 ? 'object' : 'objects'}, e.g. ${example})`,
        where: example,
      };
      if (places) {
        issue.kind = 'routing-field';
        issue.places = places;
      }
      out.push(issue);
    }
    return out;
  }

  private collect(issues: LoadIssue[], unknown: Map<string, Unknown>, ignored: Map<string, Unknown>): void {
    for (const part of [...this.parts, this.current]) {
      if ('child' in part) {
        part.read();
        part.child.collect(issues, unknown, ignored);
        continue;
      }
      for (const issue of part.issues) issues.push(issue);
      merge(unknown, part.unknown);
      merge(ignored, part.ignored);
    }
  }
}
