import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function finish(args: string[]): Promise<Finished> {
  const child = runCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];

  return {code, stdout, stderr};
}

async function firstLine(child: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout ?? []) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }

  return text.split('\n')[0];
}

describe('emulator CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'om-emulator-'));
  });
  after(() => rm(dir, {recursive: true, force: true}));

  it('prints its usage for --help', async () => {
    const {code, stdout} = await finish(['--help']);

    assert.equal(code, 0);
    assert.match(stdout, /^Usage:/);
    const flags = ['--port', '--host', '--om-version', '--allow-origin', '--penalty-scale'];
    for (const flag of [...flags, '--config']) assert.match(stdout, new RegExp(flag));
  });

  it('names the offending flag and exits with 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--bogus'], /--bogus/],
      [['--port', 'http'], /--port/],
      [['--port', '70000'], /--port/],
      [['--penalty-scale', '-1'], /--penalty-scale/],
      [['--om-version', '3.3.0'], /--om-version/],
      [['--config', join(dir, 'missing.json')], /--config/],
    ];
    const results = await Promise.all(cases.map(([args]) => finish(args)));
    results.forEach(({code, stderr}, index) => {
      const [args, flag] = cases[index];
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, flag, args.join(' '));
    });
  });

  it('serves the configured emulator and prints its base URL', async () => {
    const config = join(dir, 'config.json');
    const accounts = [{login: 'cms', password: 'secret', rights: ['LOGIN', 'SOAP']}];
    await writeFile(config, JSON.stringify({accounts, rooms: [{id: 9, name: 'Nine'}]}));
    const args = ['--port', '0', '--om-version', '8.1.0', '--allow-origin', 'http://x'];
    const child = runCli([...args, '--penalty-scale', '0.01', '--config', config]);
    try {
      const url = await firstLine(child);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/openmeetings$/);

      const version = await fetch(`${url}/services/info/version`);
      assert.equal(version.headers.get('access-control-allow-origin'), 'http://x');
      assert.match(await version.text(), /"version":"8\.1\.0"/);
      const loginResponse = await fetch(`${url}/services/user/login?user=cms&pass=secret`);
      assert.match(await loginResponse.text(), /"type":"SUCCESS"/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
