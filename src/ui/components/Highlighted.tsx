import { Text } from 'ink';
import { useTheme } from '../theme.ts';

/** A cell with some characters highlighted (fuzzy-filter matches). */
export function Highlighted({ text, marks }: { text: string; marks: Set<number> | undefined }) {
  const theme = useTheme();
  if (!marks || marks.size === 0) return <Text>{text}</Text>;
  const parts: { text: string; on: boolean }[] = [];
  let i = 0;
  for (const ch of text) {
    const on = marks.has(i);
    const last = parts[parts.length - 1];
    if (last && last.on === on) last.text += ch;
    else parts.push({ text: ch, on });
    i += ch.length;
  }
  return (
    <Text>
      {parts.map((p, k) => (p.on ? <Text key={k} {...theme.tone('match')}>{p.text}</Text> : p.text))}
    </Text>
  );
}
