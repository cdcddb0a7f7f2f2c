/** Nearest-rank percentile (p in 0..1) of the samples, which need not be sorted: the benchmarks' p50/p95. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
