import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createEmulator} from '../src/emulator/index.js';
import {
  createTokenHandler,
  guestVisitors,
  toNodeListener,
  type SidPoolOptions,
} from '../src/server/index.js';
import {naiveEndpoint} from './naive-endpoint.js';
import {ACCOUNT} from './stage.js';
import {percentile} from './stats.js';

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
  /** TCP connections OpenMeetings accepted while measuring: few means kept alive. */
  omConnections: number;
}

export type EndpointKind = {kind: 'ours'; pool: SidPoolOptions | false} | {kind: 'naive'};

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{server: Server; origin: string}> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`};
}

/**
 * Joins per second through a token endpoint against the emulator, all on loopback and with no
 * added delay: `clients` loops, each posting a join as soon as the last one answered. A second of
 * warm-up, which also fills a pool, comes before the clock starts.
 */
export async function throughput(
  label: string,
  endpoint: EndpointKind,
  clients = 50,
  seconds = 5,
): Promise<ThroughputFigures> {
  const emulator = createEmulator({penaltyScale: 0});
  const om = await listen(emulator.handle);
  let connections = 0;
  om.server.on('connection', () => connections++);
  const omUrl = `${om.origin}/openmeetings`;
  const ours =
    endpoint.kind === 'ours'
      ? createTokenHandler({
          omUrl,
          ...ACCOUNT,
          resolveUser: guestVisitors({externalType: 'bench'}),
          pool: endpoint.pool,
        })
      : undefined;
  const site = await listen(ours ? toNodeListener(ours) : naiveEndpoint(omUrl, ACCOUNT));
  const latencies: number[] = [];
  let failed = 0;
  let counting = false;
  const join = async () => {
    const t0 = performance.now();
    const response = await fetch(site.origin, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: '{"roomId":1}',
    });
    const body = (await response.json()) as {url?: string};
    if (!counting) return;
    if (response.ok && body.url) latencies.push(performance.now() - t0);
    else failed++;
  };
  const run = (ms: number) => {
    const end = performance.now() + ms;

    return Promise.all(
      Array.from({length: clients}, async () => {
        while (performance.now() < end) await join();
      }),
    );
  };
  try {
    await run(1000);
    counting = true;
    const before = emulator.log().length;
    const connectionsBefore = connections;
    const start = performance.now();
    await run(seconds * 1000);
    const elapsed = (performance.now() - start) / 1000;
    counting = false;
    const calls = emulator
      .log()
      .slice(before)
      .filter((entry) => entry.kind === 'login' || entry.kind === 'hash').length;

    return {
      label,
      clients,
      seconds,
      joins: latencies.length,
      failed,
      joinsPerSecond: latencies.length / elapsed,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      omCallsPerJoin: latencies.length ? calls / latencies.length : NaN,
      omConnections: connections - connectionsBefore,
    };
  } finally {
    ours?.close();
    for (const {server} of [site, om]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
}
