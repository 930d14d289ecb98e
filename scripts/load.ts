import {fork, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {createEmulator, type EmulatorLogEntry} from '../src/emulator/index.js';
import {guestVisitors, startTokenServer} from '../src/server/index.js';

/**
 * Load on the token endpoint: many guests join at once, each with its own cookie and name, and
 * each opens the room it got. The endpoint and the OpenMeetings emulator run in a child process
 * of their own, on loopback, so their memory can be read apart from the clients'.
 *
 *   npm run load -- --seconds 120 [--clients 200] [--round 10] [--max-growth 20]
 *
 * Every round ends with a check of the emulator's inspection log (one login per hash, no SID
 * used twice, each room shown to the guest who asked for it); then the emulator forgets the
 * round, and a memory sample of the server process is taken after a garbage collection.
 */

export interface LoadOptions {
  clients: number;
  seconds: number;
  /** Length of a round; the emulator's state is checked and cleared between rounds. */
  round: number;
  onRound?: (round: RoundReport) => void;
}

export interface MemorySample {
  rssMb: number;
  heapMb: number;
}

export interface RoundReport {
  round: number;
  joins: number;
  joinsPerSecond: number;
  memory: MemorySample;
}

export interface LoadReport {
  joins: number;
  /** One line per failed join or broken rule, the first 20 only. */
  failures: string[];
  failureCount: number;
  mixUps: number;
  rounds: RoundReport[];
}

export interface Join {
  hash: string;
  name: string;
  guest: string;
  roomId: number;
}

const ROOMS = [1, 2, 3, 4, 5];

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const server = await startServer();
  const report: LoadReport = {joins: 0, failures: [], failureCount: 0, mixUps: 0, rounds: []};
  const fail = (line: string, mixUp = false) => {
    report.failureCount++;
    if (mixUp) report.mixUps++;
    if (report.failures.length < 20) report.failures.push(line);
  };
  const guests = new Map<number, string>();
  try {
    const rounds = Math.max(1, Math.round(options.seconds / options.round));
    for (let round = 1; round <= rounds; round++) {
      const started = performance.now();
      const end = started + options.round * 1000;
      const joins: Join[] = [];
      const clients = Array.from({length: options.clients}, async (_, client) => {
        while (performance.now() < end) {
          const joined = await joinOnce(server.endpoint, client, guests, fail);
          if (joined) joins.push(joined);
        }
      });
      await Promise.all(clients);
      const seconds = (performance.now() - started) / 1000;
      checkLog(await readLog(server.omUrl), joins, fail);
      await server.call('reset');
      const memory = await server.call<MemorySample>('memory');
      const done = {round, joins: joins.length, joinsPerSecond: joins.length / seconds, memory};
      report.joins += joins.length;
      report.rounds.push(done);
      options.onRound?.(done);
    }
  } finally {
    await server.stop();
  }

  return report;
}

/** One guest's join and visit. Returns what the room must show, or undefined after a failure. */
async function joinOnce(
  endpoint: string,
  client: number,
  guests: Map<number, string>,
  fail: (line: string, mixUp?: boolean) => void,
): Promise<Join | undefined> {
  const name = `Guest ${client}`;
  const roomId = ROOMS[client % ROOMS.length];
  const cookie = guests.get(client);
  try {
    const answer = await fetch(endpoint, {
      method: 'POST',
      headers: {'content-type': 'application/json', ...(cookie && {cookie: `om_guest=${cookie}`})},
      body: JSON.stringify({roomId, firstname: name}),
    });
    const body = (await answer.json()) as {url?: string; error?: {message: string}};
    if (!answer.ok || !body.url) {
      return void fail(`${name}: HTTP ${answer.status} ${body.error?.message}`);
    }

    const given = /om_guest=([0-9a-f-]{36})/.exec(answer.headers.get('set-cookie') ?? '');
    const guest = cookie ?? given?.[1];
    if (!guest) return void fail(`${name}: no guest cookie`);
    guests.set(client, guest);
    const hash = new URL(body.url).searchParams.get('secure') ?? '';
    const page = await (await fetch(body.url)).text();
    const shown = (key: string) => new RegExp(` data-${key}="([^"]*)"`).exec(page)?.[1];
    const seen = {
      name: shown('user'),
      guest: shown('external-id'),
      roomId: Number(shown('room-id')),
    };
    if (seen.name !== name || seen.guest !== guest || seen.roomId !== roomId) {
      return void fail(`${name} in room ${roomId} saw ${JSON.stringify(seen)}`, true);
    }

    return {hash, name, guest, roomId};
  } catch (error) {
    return void fail(`${name}: ${String(error)}`);
  }
}

async function readLog(omUrl: string): Promise<EmulatorLogEntry[]> {
  return (await (await fetch(`${omUrl}/_emulator/log`)).json()) as EmulatorLogEntry[];
}

/** One fresh login per hash, no SID twice, and each hash shown to the guest who asked for it. */
export function checkLog(
  log: EmulatorLogEntry[],
  joins: Join[],
  fail: (line: string, mixUp?: boolean) => void,
): void {
  const loginSids = new Set<string>();
  const hashes = new Map<string, {sid: string; externalId?: string; firstname?: string}>();
  const sidsUsed = new Set<string>();
  const shownTo = new Map<string, string | undefined>();
  for (const entry of log) {
    if (entry.kind === 'login' && entry.sid) loginSids.add(entry.sid);
    if (entry.kind === 'hash' && entry.hash && entry.sid) {
      if (sidsUsed.has(entry.sid)) fail(`SID used for a second hash (${entry.outcome})`, true);
      sidsUsed.add(entry.sid);
      hashes.set(entry.hash, {sid: entry.sid, ...entry.user});
    }
    if (entry.kind === 'redemption' && entry.hash) shownTo.set(entry.hash, entry.user);
  }
  if (hashes.size !== joins.length) fail(`${hashes.size} hashes for ${joins.length} joins`);
  if (loginSids.size !== hashes.size) fail(`${loginSids.size} logins for ${hashes.size} hashes`);
  for (const join of joins) {
    const made = hashes.get(join.hash);
    if (!made || !loginSids.has(made.sid)) fail(`${join.name}: no login and hash in the log`);
    else if (made.externalId !== join.guest || made.firstname !== join.name) {
      fail(`${join.name}: hash made for ${made.firstname} (${made.externalId})`, true);
    }
    if (shownTo.get(join.hash) !== join.name) {
      fail(`${join.name}: room shown to ${shownTo.get(join.hash)}`, true);
    }
  }
}

interface Server {
  omUrl: string;
  endpoint: string;
  call<T = void>(command: 'reset' | 'memory'): Promise<T>;
  stop(): Promise<void>;
}

/** The endpoint and emulator in a child process; GC exposed so samples show live memory only. */
async function startServer(): Promise<Server> {
  const execArgv = [...process.execArgv.filter((arg) => !arg.startsWith('--test')), '--expose-gc'];
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], {execArgv});
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => {
        child.off('message', answered);
        reject(new Error(`the load server exited with ${code}`));
      };
      const answered = (message: unknown) => {
        child.off('exit', exited);
        resolve(message as T);
      };
      child.once('message', answered).once('exit', exited);
    });
  const {omUrl, endpoint} = await next<{omUrl: string; endpoint: string}>();

  return {
    omUrl,
    endpoint,
    call<T>(command: string) {
      const answer = next<T>();
      child.send(command);

      return answer;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const emulator = createEmulator();
  // Tomcat, which OpenMeetings runs on, keeps an idle connection for 20 s (connectionTimeout in
  // its server.xml); Node's 5 s would race the endpoint's pooled sockets under load.
  const om = createServer({keepAliveTimeout: 20_000}, (req, res) => emulator.handle(req, res));
  await new Promise<void>((resolve) => om.listen(0, '127.0.0.1', resolve));
  const omUrl = `http://127.0.0.1:${(om.address() as AddressInfo).port}/openmeetings`;
  const endpoint = await startTokenServer({
    omUrl,
    user: 'soapuser',
    password: '!HansHans1',
    resolveUser: guestVisitors({externalType: 'load'}),
    rooms: ROOMS,
  });
  const gc = (globalThis as {gc?: () => void}).gc;
  process.on('message', async (command) => {
    if (command === 'reset') emulator.reset();
    if (command === 'stop') {
      await endpoint.close();
      om.closeAllConnections();
      om.close(() => process.exit(0));

      return;
    }
    if (command !== 'memory') return void process.send!('ok');

    gc?.();
    const {rss, heapUsed} = process.memoryUsage();
    const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    process.send!({rssMb: mb(rss), heapMb: mb(heapUsed)});
  });
  process.send!({omUrl, endpoint: endpoint.url});
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      seconds: {type: 'string', default: '120'},
      clients: {type: 'string', default: '200'},
      round: {type: 'string', default: '10'},
      'max-growth': {type: 'string', default: '20'},
    },
  });
  const options = {
    seconds: Number(values.seconds),
    clients: Number(values.clients),
    round: Number(values.round),
  };
  const {clients, seconds, round} = options;
  const wrong = Object.entries(options).find(([, value]) => !(value > 0 && value < 1e6));
  if (wrong) {
    console.error(`--${wrong[0]}: expected a positive number`);
    process.exitCode = 2;

    return;
  }
  console.log(`${clients} clients for ${seconds} s, checked every ${round} s`);
  console.log('round  joins  joins/s  server RSS MB  server heap MB');
  const report = await runLoad({
    ...options,
    onRound: (r) =>
      console.log(
        [r.round, r.joins, Math.round(r.joinsPerSecond), r.memory.rssMb, r.memory.heapMb]
          .map((value, i) => String(value).padStart([5, 6, 8, 14, 15][i]))
          .join(' '),
      ),
  });
  const heaps = report.rounds.map((r) => r.memory.heapMb);
  console.log(`${report.joins} joins, ${report.failureCount} failed, ${report.mixUps} mix-ups`);
  // Round 1 includes warm-up: JIT code, connection pools, the first visitors' buffers.
  const growth = heaps.length > 2 ? heaps.at(-1)! - heaps[1] : undefined;
  const leaking = growth !== undefined && growth > Number(values['max-growth']);
  const verdict = leaking ? `more than --max-growth ${values['max-growth']} MB` : 'flat';
  console.log(
    growth === undefined
      ? 'memory: too short to judge; it takes 3 rounds or more'
      : `server heap from round 2 to the last: ${growth.toFixed(1)} MB, ${verdict}`,
  );
  for (const line of report.failures) console.log(`  ${line}`);
  process.exitCode = report.failureCount > 0 || leaking ? 1 : 0;
}

if (process.argv.includes('--serve')) await serve();
else if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
