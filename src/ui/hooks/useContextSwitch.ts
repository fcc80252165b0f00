import { useEffect, useState } from 'react';
import type { MeshSource } from '../../app/mesh-source.ts';

/**
 * `:ctx NAME` (k9s's `:ctx`): the source the TUI reads, replaced by a live source on another
 * kube context each time a new request arrives; the old one is closed (its istioctl calls end).
 */
export function useContextSwitch(initial: MeshSource, request: { name: string } | null, open: ((name: string) => MeshSource) | undefined): MeshSource {
  const [source, setSource] = useState(initial);
  useEffect(() => {
    if (request === null || !open) return;
    const next = open(request.name);
    setSource((old) => {
      old.close?.();
      return next;
    });
  }, [request, open]);
  return source;
}
