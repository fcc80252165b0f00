/** A probability (0–1) as a percentage with at most two decimals: `90%`, `33.33%`. */
export function percent(probability: number): string {
  const value = Math.round(probability * 10000) / 100;
  return `${value}%`;
}
