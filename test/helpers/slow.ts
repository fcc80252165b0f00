import process from 'node:process';

/** The runtime running the tests: the slow checks start Node, Bun and Deno themselves, so they run once, from Node. */
const onNode = typeof (globalThis as { Bun?: unknown }).Bun === 'undefined' && typeof (globalThis as { Deno?: unknown }).Deno === 'undefined';

/**
 * The `skip` option for a check that takes minutes (a fresh clone's whole suite, pack and install):
 * it runs when MESHSCOPE_SLOW_TESTS=1 (.ci/run sets it for `npm test`), from the Node suite only.
 */
export const slowTest: string | false = !onNode
  ? 'slow check: runs once, from the Node suite (npm test)'
  : process.env.MESHSCOPE_SLOW_TESTS !== '1'
    ? 'slow check: set MESHSCOPE_SLOW_TESTS=1 to run it (.ci/run does)'
    : false;
