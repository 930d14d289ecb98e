import {startEmulator} from '../src/emulator/index.js';
import {guestVisitors, startTokenServer, type SidPoolOptions} from '../src/server/index.js';

export interface ThroughputFigures {
  label: string;
  clients: number;
  seconds: number;
  joins: number;
  failed: number;
  joinsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  omCallsPerJoin: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;

  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Joins per second through the token endpoint against the emulator, all on loopback. */
export async function throughput(
  label: string,
  pool: SidPoolOptions | false,
  clients = 50,
  seconds = 5,
): Promise<ThroughputFigures> {
  const om = await startEmulator({port: 0});
  const endpoint = await startTokenServer({
    omUrl: om.url,
    user: 'soapuser',
    password: '!HansHans1',
    resolveUser: guestVisitors({externalType: 'bench'}),
    pool,
  });
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  try {
    // Let a pool fill before the clock starts, as it would on a server that has been up a while.
    if (pool) await new Promise((resolve) => setTimeout(resolve, 500));
    const before = om.emulator.log().length;
    const start = performance.now();
    await Promise.all(
      Array.from({length: clients}, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const response = await fetch(endpoint.url, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: '{"roomId":1}',
          });
          const body = (await response.json()) as {url?: string};
          if (response.ok && body.url) latencies.push(performance.now() - t0);
          else failed++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const calls = om.emulator
      .log()
      .slice(before)
      .filter((entry) => entry.kind === 'login' || entry.kind === 'hash').length;
    latencies.sort((a, b) => a - b);

    return {
      label,
      clients,
      seconds,
      joins: latencies.length,
      failed,
      joinsPerSecond: latencies.length / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      omCallsPerJoin: latencies.length ? calls / latencies.length : NaN,
    };
  } finally {
    await endpoint.close();
    await om.close();
  }
}
