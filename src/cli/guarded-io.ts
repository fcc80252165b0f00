import { ansi } from '../core/report/style.ts';
import { guardTerminal } from '../core/text/terminal-guard.ts';
import type { CliIo } from './io.ts';
import { styleFor } from './style.ts';

/**
 * The CLI's one choke point for plain output: every `write` on stdout and stderr of the returned
 * io goes through `guardTerminal` (core/text/terminal-guard.ts). The full-screen apps (TUI, live
 * meshtop) draw with escape sequences of their own, so they take the raw streams (`rawIo`) and
 * sanitize each value they render (`ui/text.ts` clean).
 */
const RAW = new WeakMap<CliIo, CliIo>();

type Stream = CliIo['stdout'];

function guardStream<S extends Stream | CliIo['stderr']>(stream: S, keepStyle: boolean): S {
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        // Strings are what the CLI writes; a Buffer would pass as is (none is written to these streams).
        return (chunk: unknown, ...rest: unknown[]) =>
          Reflect.apply(target.write, target, [typeof chunk === 'string' ? guardTerminal(chunk, keepStyle) : chunk, ...rest]) as boolean;
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The io every command gets: guarded stdout and stderr; the rest as given. */
export function guardedIo(io: CliIo): CliIo {
  if (RAW.has(io)) return io;
  // Colour is only ever written to stdout, and only when styleFor says so; stderr lines carry no style.
  const colour = styleFor(io) === ansi;
  const guarded: CliIo = { ...io, stdout: guardStream(io.stdout, colour), stderr: guardStream(io.stderr, false) };
  RAW.set(guarded, io);
  return guarded;
}

/** The streams as the process gave them, for the full-screen apps. */
export function rawIo(io: CliIo): CliIo {
  return RAW.get(io) ?? io;
}
