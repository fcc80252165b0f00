/** What the CLI needs from its process, passed in so tests can call it without spawning one. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A subcommand: takes its own arguments (after the subcommand name) and returns an exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
