/**
 * Model properties computed on first read. Until then the property is an own, enumerable accessor
 * (so spreading, JSON.stringify, Object.entries, structuredClone and deepEqual all see its value);
 * the first read (or a write) turns it into a plain data property. One descriptor is shared by
 * every object of a load: `Object.defineProperty` with a shared accessor keeps V8's fast object
 * shapes, so a 10k-service dump pays one small call per object instead of building data most
 * commands never read. `compute` must be a pure function of its object.
 */
export function lazyProperty<O extends object, T>(name: string, compute: (owner: O) => T): PropertyDescriptor {
  const settle = (owner: O, value: T): void => {
    // Reflect: a frozen owner keeps the accessor and computes again on the next read.
    Reflect.defineProperty(owner, name, { value, writable: true, enumerable: true, configurable: true });
  };
  return {
    get(this: O): T {
      const value = compute(this);
      settle(this, value);
      return value;
    },
    set(this: O, value: T): void {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  };
}
