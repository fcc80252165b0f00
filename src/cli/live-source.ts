import type { LiveSourceOptions } from '../sources/istioctl/live-source.ts';

/**
 * The live (istioctl) source, loaded only when a command goes live: it brings execa and its
 * hundred-odd modules, which a command reading files never needs (issue 18: start-up).
 */
export async function openLiveSource(options: LiveSourceOptions) {
  const { createLiveSource } = await import('../sources/istioctl/live-source.ts');
  return createLiveSource(options);
}
