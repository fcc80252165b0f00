/**
 * A part of the model that is built on first read and then kept: reading `.value` may parse
 * (a route configuration's virtual hosts, an assignment's localities, the list of load issues).
 * Everything else in the model is plain data; `.value` at a use site says "this may cost work".
 *
 * `value` is an own, enumerable accessor, so spreading, `JSON.stringify`, `Object.entries`,
 * `structuredClone` and `deepEqual` see the value (they read it). The holder never changes shape.
 */
export interface Lazy<T> {
  readonly value: T;
}

/** One accessor for every lazy value: V8 keeps one object shape for all of them. */
const VALUE: PropertyDescriptor = {
  get(this: LazyValue<unknown, unknown>) {
    return this.read();
  },
  enumerable: true,
  configurable: false,
};

class LazyValue<T, A> implements Lazy<T> {
  declare readonly value: T;
  #build: ((arg: A) => T) | undefined;
  #arg: A | undefined;
  #value: T | undefined;

  constructor(build: ((arg: A) => T) | undefined, arg: A | undefined, value?: T) {
    this.#build = build;
    this.#arg = arg;
    this.#value = value;
    Object.defineProperty(this, 'value', VALUE);
  }

  get built(): boolean {
    return this.#build === undefined;
  }

  read(): T {
    const build = this.#build;
    if (build !== undefined) {
      this.#value = build(this.#arg as A);
      this.#build = undefined;
      this.#arg = undefined;
    }
    return this.#value as T;
  }
}

/** A value built by `build(arg)` on first read (passing `arg` spares a closure per object on hot paths). */
export function lazy<T, A = undefined>(build: (arg: A) => T, arg?: A): Lazy<T> {
  return new LazyValue(build, arg);
}

/** A value already built: for models made in code (a narrowed route config, a test). */
export function eager<T>(value: T): Lazy<T> {
  return new LazyValue<T, undefined>(undefined, undefined, value);
}

/** Whether `value` was built already (its `.value` costs nothing now). */
export function isBuilt(value: Lazy<unknown>): boolean {
  return !(value instanceof LazyValue) || value.built;
}
