import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { main } from '../../src/cli/main.ts';

/**
 * A worker thread that runs the CLI entry in-process, one request at a time, with captured
 * stdio (as test/helpers/cli.ts does). The parent terminates it when a run outlives the guard.
 */
export interface RunRequest {
  id: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export type RunReply = { id: number; code: number; stdout: string; stderr: string } | { id: number; thrown: string };

const MAX_CAPTURE = 32 * 1024 * 1024;

function capture(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size < MAX_CAPTURE) chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

parentPort?.on('message', async (request: RunRequest) => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = capture(stdout);
  const err = capture(stderr);
  try {
    const code = await main(request.argv, { stdin: new PassThrough(), stdout, stderr, env: request.env, cwd: request.cwd });
    await new Promise((resolve) => setImmediate(resolve));
    parentPort?.postMessage({ id: request.id, code, stdout: out(), stderr: err() } satisfies RunReply);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RunReply);
  }
});
