import type { ProxySummary } from '../../app/mesh-source.ts';
import { OneLine } from '../components/OneLine.tsx';
import { clean } from '../text.ts';
import { spread } from './lines.ts';

/** The top line: program, source, the open workload's identity, and the help key; the source is cut with `…` to fit. */
export function Header({ source, proxy, width }: { source: string; proxy: ProxySummary | undefined; width: number }) {
  const who = proxy ? ` · ${proxy.proxyType ?? 'proxy'}${proxy.istioVersion ? ` · Istio ${proxy.istioVersion}` : ''}` : '';
  const line = spread(
    [
      { text: 'meshscope', tone: 'title' },
      { text: ` ${clean(source)}${clean(who)}`, tone: 'muted' },
    ],
    [{ text: width >= 60 ? '? help  q quit' : '? help', tone: 'muted' }],
    width,
  );
  return <OneLine line={line} width={width} />;
}
