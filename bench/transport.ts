import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import ky from 'ky';
import {OmClient} from '../src/client/index.js';
import {createEmulator} from '../src/emulator/index.js';
import {ACCOUNT} from './stage.js';

export interface TransportFigures {
  label: string;
  callsPerSecond: number;
}

/**
 * Where the endpoint's time per OpenMeetings call goes: the same login, `calls` times over
 * `concurrency` loops against the emulator on loopback, through Node's fetch alone, through ky,
 * and through our client (ky plus the timeout and the envelope). The best of two rounds each.
 */
export async function transportCost(calls = 3000, concurrency = 20): Promise<TransportFigures[]> {
  const emulator = createEmulator({penaltyScale: 0});
  const server = createServer(emulator.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openmeetings`;
  const url = `${base}/services/user/login`;
  const form = () => new URLSearchParams({user: ACCOUNT.user, pass: ACCOUNT.password});
  const client = new OmClient({baseUrl: base});
  const ways: Array<[string, () => Promise<unknown>]> = [
    ['Node fetch', async () => (await fetch(url, {method: 'POST', body: form()})).json()],
    ['ky', () => ky.post(url, {body: form(), retry: 0, timeout: false}).json()],
    ['OmClient.login', () => client.login(ACCOUNT)],
  ];
  const best = new Map<string, number>();
  try {
    for (let round = 0; round < 2; round++) {
      for (const [label, call] of ways) {
        let started = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({length: concurrency}, async () => {
            while (started++ < calls) await call();
          }),
        );
        const rate = calls / ((performance.now() - t0) / 1000);
        best.set(label, Math.max(best.get(label) ?? 0, rate));
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }

  return ways.map(([label]) => ({label, callsPerSecond: best.get(label)!}));
}
