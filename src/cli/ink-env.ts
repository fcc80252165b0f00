import process from 'node:process';

/**
 * Prepares the process before Ink and React are first (lazily) loaded for an interactive screen:
 * - React's production build (React picks it from NODE_ENV on first load; the development build
 *   makes every frame several times slower);
 * - Ink reads `CI` / `CONTINUOUS_INTEGRATION` once at import and then only draws the last frame
 *   on exit. A session on a real terminal is interactive whatever a CI runner exported, so those
 *   variables are switched off for this process.
 */
export function prepareInteractiveRender(): void {
  process.env.NODE_ENV ??= 'production';
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (process.env[key] !== undefined) process.env[key] = 'false';
}
