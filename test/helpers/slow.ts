import process from 'node:process';

/** The runtime running the tests: the slow checks start Node, Bun and Deno themselves, so they run once, from Node. */
const onNode = typeof (globalThis as { Bun?: unknown }).Bun === 'undefined' && typeof (globalThis as { Deno?: unknown }).Deno === 'undefined';

/**
 * The `skip` option for a check that takes minutes (a fresh clone's whole suite, pack and install):
 * it runs when MESHSCOPE_SLOW_TESTS=1 (`npm run test:slow`, which .ci/run runs), from Node only.
 */
export const slowTest: string | false = !onNode
  ? 'slow check: runs once, from Node (npm run test:slow)'
  : process.env.MESHSCOPE_SLOW_TESTS !== '1'
    ? 'slow check: run it with npm run test:slow (.ci/run does)'
    : false;
