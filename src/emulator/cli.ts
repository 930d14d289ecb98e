import {readFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {startEmulator} from './server.js';
import type {StartEmulatorOptions} from './types.js';

const USAGE = `Usage: tsx src/emulator/cli.ts [options]

Runs an Apache OpenMeetings stand-in for the join flow: login, room hash, /hash page.

Options:
  --port <n>             Port to listen on, 0 for a free one (default 5080)
  --host <address>       Address to listen on (default 127.0.0.1)
  --om-version <x.y.z>   OpenMeetings version to emulate, 4.0.0 to 9.1.0 (default 9.1.0)
  --base-path <path>     Context path (default /openmeetings)
  --allow-origin <url>   OM's rest.allow.origin; unset sends no CORS header
  --penalty-scale <n>    Multiplies the 9.x bad-password delay of 6-15 s (default 1, 0 = off)
  --config <file.json>   JSON with "accounts", "rooms", "recordings" and optionally "labels"
  --help                 Show this text

Default accounts: soapuser / !HansHans1 and admin / !HansHans.
The inspection log is served at {base}/_emulator/log.
`;

class UsageError extends Error {}

async function main(argv: string[]) {
  const {values} = parseFlags(argv);
  if (values.help) {
    process.stdout.write(USAGE);

    return;
  }

  const options: StartEmulatorOptions = {
    port: values.port === undefined ? 5080 : integerFlag('--port', values.port, 0, 65535),
    host: values.host,
    version: values['om-version'],
    basePath: values['base-path'],
    allowOrigin: values['allow-origin'],
    penaltyScale: scaleFlag(values['penalty-scale']),
    ...(values.config === undefined ? {} : await readConfig(values.config)),
  };
  const running = await startEmulator(options).catch((error: Error) => {
    if (!/OpenMeetings version/.test(error.message)) throw error;

    throw new UsageError(`--om-version: ${error.message}`);
  });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  process.stdout.write(`${running.url}\n`);
  process.stderr.write(
    `OpenMeetings ${running.emulator.options.version} emulator listening; ` +
      `log at ${running.url}/_emulator/log. Ctrl+C stops it.\n`,
  );
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: {type: 'string'},
        host: {type: 'string'},
        'om-version': {type: 'string'},
        'base-path': {type: 'string'},
        'allow-origin': {type: 'string'},
        'penalty-scale': {type: 'string'},
        config: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function integerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }

  return value;
}

function scaleFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;

  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--penalty-scale must be a number of at least 0, got "${text}"`);
  }

  return value;
}

async function readConfig(path: string): Promise<Partial<StartEmulatorOptions>> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${path}: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`--config ${path}: expected a JSON object`);
  }

  const {accounts, rooms, recordings, labels} = config as Record<string, unknown>;
  for (const [name, value] of Object.entries({accounts, rooms, recordings})) {
    if (value !== undefined && !Array.isArray(value)) {
      throw new UsageError(`--config ${path}: "${name}" must be an array`);
    }
  }

  return {accounts, rooms, recordings, labels} as Partial<StartEmulatorOptions>;
}

main(process.argv.slice(2)).catch((error: Error) => {
  const usage = error instanceof UsageError;
  process.stderr.write(`om-emulator: ${error.message}\n${usage ? 'Try --help.\n' : ''}`);
  process.exitCode = usage ? 2 : 1;
});
