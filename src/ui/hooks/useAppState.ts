import { useCallback, useMemo, useReducer } from 'react';
import type { ProxySummary } from '../../app/mesh-source.ts';
import type { KeyPress } from '../keys.ts';
import { appReducer } from '../state/app-reducer.ts';
import { type AppState, initialState, type Message, type ReduceContext } from '../state/app-state.ts';

export interface AppStateApi {
  state: AppState;
  /** Key presses, reduced with what the screen shows now. */
  keys(keys: KeyPress[], ctx: ReduceContext): void;
  /** The source's proxy list arrived (opens the only proxy, or the one asked for). */
  proxies(proxies: ProxySummary[], initialProxy: string | undefined): void;
  say(message: Message | null): void;
  /** Fetch the data again (`--refresh`). */
  refresh(): void;
}

/** The thin hook over the pure app reducer (state/app-reducer.ts): state and intents, nothing else. */
export function useAppState(): AppStateApi {
  const [state, dispatch] = useReducer(appReducer, undefined, initialState);
  const keys = useCallback((presses: KeyPress[], ctx: ReduceContext) => dispatch({ type: 'keys', keys: presses, ctx }), []);
  const proxies = useCallback((list: ProxySummary[], initialProxy: string | undefined) => dispatch({ type: 'proxies', proxies: list, initialProxy }), []);
  const say = useCallback((message: Message | null) => dispatch({ type: 'message', message }), []);
  const refresh = useCallback(() => dispatch({ type: 'refresh' }), []);
  return useMemo(() => ({ state, keys, proxies, say, refresh }), [state, keys, proxies, say, refresh]);
}
