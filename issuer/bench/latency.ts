/**
 * A latency probe for the benchmarks: one GET every `everyMs` (never two at once), each answer's
 * time recorded.
 */
export interface LatencyProbe {
  /** The latencies (ms) recorded since the last call, and a fresh start. */
  take(): number[];
  stop(): void;
}

export function startLatencyProbe(url: string, everyMs: number): LatencyProbe {
  let samples: number[] = [];
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const reply = await fetch(url);
        await reply.arrayBuffer();
        samples.push(performance.now() - started);
      } catch {
        samples.push(Number.POSITIVE_INFINITY);
      }
      const left = everyMs - (performance.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
  })();
  return {
    take() {
      const taken = samples;
      samples = [];
      return taken;
    },
    stop() {
      stopped = true;
    },
  };
}

/** `n`, p50, p99 and max of some latencies, in words. */
export function describeLatencies(samples: readonly number[]): string {
  if (samples.length === 0) return "no samples";
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : "failed");
  return `n=${sorted.length} p50 ${ms(at(0.5))} p99 ${ms(at(0.99))} max ${ms(sorted.at(-1)!)}`;
}
