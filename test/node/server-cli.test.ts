import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {describe, it, type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {ACCOUNT, openRoom, postJoin, startOm} from './server-support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function startCli(t: TestContext, env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OM_|ALLOWED_ORIGINS|RATE_LIMIT)/.test(name)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    cwd: root,
    env: {...clean, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'exit').then(([code]) => ({code: code as number | null, stderr}));

  return {child, exited};
}

describe('token server command', () => {
  it('stops with a message naming OM_URL when it is not set', async (t) => {
    const {exited} = startCli(t, {OM_USER: 'soapuser', OM_PASSWORD: 'x'});

    const {code, stderr} = await exited;

    assert.equal(code, 2);
    assert.match(stderr, /OM_URL is not set/);
  });

  it('stops with a message naming OM_PASSWORD when it is not set', async (t) => {
    const omUrl = 'http://127.0.0.1:5080/openmeetings';
    const {exited} = startCli(t, {OM_URL: omUrl, OM_USER: 'soapuser'});

    const {code, stderr} = await exited;

    assert.equal(code, 2);
    assert.match(stderr, /OM_PASSWORD is not set/);
    assert.doesNotMatch(stderr, /at .+\.ts:\d+/, 'a message, not a stack trace');
  });

  it('stops with a message naming OM_ROOMS when it is not set', async (t) => {
    const env = {
      OM_URL: 'http://127.0.0.1:5080/openmeetings',
      OM_USER: 'soapuser',
      OM_PASSWORD: 'x',
    };
    const {exited} = startCli(t, env);

    const {code, stderr} = await exited;

    assert.equal(code, 2);
    assert.match(
      stderr,
      /OM_ROOMS is not set: expected the room ids guests may join \(e\.g\. 5,6\), or "any"/,
    );
  });

  it('serves guest joins on the port it was given and stops on SIGTERM', async (t) => {
    const om = await startOm(t);
    const env = {OM_URL: om.url, OM_USER: ACCOUNT.user, OM_PASSWORD: ACCOUNT.password};
    const {child, exited} = startCli(t, {...env, OM_ROOMS: '2', OM_EXTERNAL_TYPE: 'cli'}, [
      '--port',
      '0',
    ]);
    const [line] = (await once(createInterface({input: child.stdout}), 'line')) as [string];
    const url = /Token endpoint: (\S+)/.exec(line)?.[1];
    assert.ok(url, line);

    const answer = await postJoin(url, {roomId: 2, firstname: 'Cleo'});
    child.kill('SIGTERM');

    assert.equal(answer.status, 200);
    const room = await openRoom(answer.body.url!);
    assert.equal(room.user, 'Cleo');
    assert.equal((await exited).code, 0);
    assert.ok(!line.includes(ACCOUNT.password));
  });
});
