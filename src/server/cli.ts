import {parseArgs} from 'node:util';
import {guestVisitors} from './guest.js';
import {redact} from './responses.js';
import {startTokenServer, type TokenServerOptions} from './serve.js';

const usage = `Usage: npm run serve -- [--port 8787] [--host 127.0.0.1] [--path /api/om/join]

Serves the om-join-button token endpoint for guest visitors.

Environment:
  OM_URL             OpenMeetings base as this server reaches it (required),
                     e.g. https://om.example.org/openmeetings
  OM_USER            API account with the LOGIN and SOAP rights (required)
  OM_PASSWORD        its password (required)
  OM_PUBLIC_URL      OpenMeetings base as browsers reach it (default: OM_URL)
  OM_EXTERNAL_TYPE   externalType of the guests (default: om-join-button)
  ALLOWED_ORIGINS    comma-separated origins of other sites that may call the endpoint
  OM_ROOMS           comma-separated room ids visitors may join, or "any" (required:
                     a hash skips OpenMeetings' own room checks)
  OM_POOL_SIZE       SIDs to log in ahead of demand (default: 0, off)
  RATE_LIMIT         joins per client per minute, 0 for no limit (default: 30)`;

class UsageError extends Error {}

const omUrlHint = 'the OpenMeetings base, e.g. https://om.example.org/openmeetings';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new UsageError(`${name} is not set: expected ${what}`);

  return value;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} is "${value}": expected a whole number`);

  return Number(value);
}

function optionsFromEnv(env: NodeJS.ProcessEnv, args: string[]): TokenServerOptions {
  const {values} = parseArgs({
    args,
    options: {port: {type: 'string'}, host: {type: 'string'}, path: {type: 'string'}},
  });
  const port = Number(values.port ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port is "${values.port}": expected 0 to 65535`);
  }
  const omUrl = required(env, 'OM_URL', omUrlHint);
  const user = required(env, 'OM_USER', 'the OpenMeetings API account');
  const password = required(env, 'OM_PASSWORD', "the API account's password");
  const roomList = required(env, 'OM_ROOMS', 'the room ids guests may join (e.g. 5,6), or "any"');
  const anyRoom = roomList.toLowerCase() === 'any';
  const rooms = anyRoom ? [] : list(roomList).map(Number);
  if (rooms.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new UsageError(
      `OM_ROOMS is "${env.OM_ROOMS}": expected comma-separated room ids or "any"`,
    );
  }
  const poolSize = wholeNumber(env, 'OM_POOL_SIZE');
  const perMinute = wholeNumber(env, 'RATE_LIMIT') ?? 30;

  return {
    port,
    host: values.host ?? '127.0.0.1',
    path: values.path,
    omUrl,
    omPublicUrl: env.OM_PUBLIC_URL?.trim() || undefined,
    user,
    password,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    rooms: anyRoom ? undefined : rooms,
    pool: poolSize ? {size: poolSize} : false,
    rateLimit: perMinute ? {max: perMinute, windowMs: 60_000} : false,
    resolveUser: guestVisitors({externalType: env.OM_EXTERNAL_TYPE?.trim() || 'om-join-button'}),
    onError(error) {
      const message = error instanceof Error ? error.message : String(error);
      const password = env.OM_PASSWORD ?? '';
      console.error(`join failed: ${redact(message, {internalBase: '', password})}`);
    },
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(usage);

    return;
  }
  let options: TokenServerOptions;
  try {
    options = optionsFromEnv(process.env, process.argv.slice(2));
  } catch (error) {
    console.error(`om-join-button token server: ${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;

    return;
  }
  const server = await startTokenServer(options);
  console.log(`Token endpoint: ${server.url} (OpenMeetings at ${options.omUrl})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main().catch((error: unknown) => {
  console.error(`om-join-button token server: ${(error as Error).message ?? error}`);
  process.exitCode = 1;
});
