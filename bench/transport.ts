import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import ky from 'ky';
import {OmClient} from '../src/client/index.js';
import {EndpointClient, limitedFetch} from '../src/server/upstream.js';
import {createEmulator} from '../src/emulator/index.js';
import {ACCOUNT} from './stage.js';
import {median} from './stats.js';

export interface TransportFigures {
  label: string;
  callsPerSecond: number;
}

/**
 * Where the endpoint's time per OpenMeetings call goes: the same login, `calls` times over
 * `concurrency` loops against the emulator on loopback, through Node's fetch alone, through ky,
 * through our client (ky plus the timeout and the envelope), and through the client as the token
 * endpoint sets it up. The ways take turns, and each figure is the median of `rounds`.
 */
export async function transportCost(
  calls = 2000,
  concurrency = 20,
  rounds = 5,
): Promise<TransportFigures[]> {
  const emulator = createEmulator({penaltyScale: 0});
  const server = createServer(emulator.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openmeetings`;
  const url = `${base}/services/user/login`;
  const form = () => new URLSearchParams({user: ACCOUNT.user, pass: ACCOUNT.password});
  const client = new OmClient({baseUrl: base});
  const endpointClient = new EndpointClient({baseUrl: base, fetch: limitedFetch(fetch)});
  const ways: Array<[string, () => Promise<unknown>]> = [
    ['Node fetch', async () => (await fetch(url, {method: 'POST', body: form()})).json()],
    ['ky', () => ky.post(url, {body: form(), retry: 0, timeout: false}).json()],
    ['OmClient.login', () => client.login(ACCOUNT)],
    ["the endpoint's client", () => endpointClient.login(ACCOUNT)],
  ];
  const rates = new Map<string, number[]>(ways.map(([label]) => [label, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [label, call] of ways) {
        let started = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({length: concurrency}, async () => {
            while (started++ < calls) await call();
          }),
        );
        rates.get(label)!.push(calls / ((performance.now() - t0) / 1000));
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }

  return ways.map(([label]) => ({label, callsPerSecond: median(rates.get(label)!)}));
}
