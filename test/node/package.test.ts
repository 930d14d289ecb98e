import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, string | {types: string; default: string}>;
  sideEffects: string[];
  customElements: string;
  unpkg: string;
  jsdelivr: string;
};

/** A consumer of every entry, written as an app would; tsc must accept it as it stands. */
const consumer = `
import {OmJoinButton, OmError, tokenJoin, type OmJoinErrorDetail} from 'om-join-button';
import {VERSION} from 'om-join-button/define';
import {createTokenHandler, guestVisitors, toNodeListener} from 'om-join-button/server';
import {toMiddleware} from 'om-join-button/server';
import {startEmulator} from 'om-join-button/emulator';
import {OmClient} from 'om-join-button/client';
import {join, version, type OmJoinOutcome} from 'om-join-button/esm';
import type {IncomingMessage, ServerResponse} from 'node:http';

const element: OmJoinButton = document.createElement('om-join-button');
element.addEventListener('om-join-error', (event) => {
  const detail: OmJoinErrorDetail = event.detail;
  const error: OmError = detail.error;
  void error.code;
});
document.addEventListener('om-join-success', (event) => {
  const target: 'window' | '_blank' | '_self' | 'iframe' = event.detail.target;
  void target;
});
// @ts-expect-error: the event map types each detail, and no detail has the room URL
element.addEventListener('om-join-blocked', (event) => event.detail.url);
const outcome: Promise<OmJoinOutcome | undefined> = join({tokenEndpoint: '/api/join', roomId: 5});
// @ts-expect-error: join() takes the element's properties, nothing else
void join({innerHTML: '<img>'});
const handler = createTokenHandler({
  omUrl: 'http://127.0.0.1:5080/openmeetings',
  user: 'api',
  password: 'secret',
  resolveUser: guestVisitors({externalType: 'consumer'}),
});
const listener: (req: IncomingMessage, res: ServerResponse) => void = toNodeListener(handler);
void [tokenJoin, VERSION, toMiddleware, startEmulator, OmClient, version, outcome, listener];
void window.OmJoinButton.join;
`;

const compilerOptions = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  lib: ['es2023', 'dom', 'dom.iterable'],
  types: ['node'],
  strict: true,
  noEmit: true,
  // Our .d.ts files are what is under test, so they are checked too.
  skipLibCheck: false,
};

/**
 * tsc's report on `files` in `dir`, where the package is installed, one line per problem. One
 * run for every file: each run costs seconds.
 */
async function typeCheck(dir: string, files: string[]): Promise<string[]> {
  const config = {compilerOptions: {...compilerOptions, jsx: 'react-jsx'}, files};
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], {cwd: dir}).catch(
    (error: {stdout: string}) => ({stdout: error.stdout}),
  );

  return result.stdout.split('\n').filter(Boolean);
}

/** The one ```tsx block of demo/RECIPES.md: the React recipe. */
async function reactRecipe(): Promise<string> {
  const recipes = await readFile(join(root, 'demo/RECIPES.md'), 'utf8');
  const blocks = [...recipes.matchAll(/```tsx\n([\s\S]*?)```/g)].map((match) => match[1]);
  assert.equal(blocks.length, 1, 'RECIPES.md has one tsx block');

  return blocks[0];
}

/** Imports entries in Node, as a server would, and reports what it found. */
const nodeProbe = `
const server = await import('om-join-button/server');
const emulator = await import('om-join-button/emulator');
const om = await emulator.startEmulator({port: 0});
await om.close();
const main = await import('om-join-button');
const definedByMain = globalThis.customElements?.get('om-join-button') !== undefined;
await import('om-join-button/define');
process.stdout.write(JSON.stringify({
  server: typeof server.createTokenHandler,
  main: typeof main.OmJoinButton,
  definedByMain,
  definedByDefine: globalThis.customElements?.get('om-join-button') === main.OmJoinButton,
}));
`;

describe('the npm package', () => {
  let work: string;
  let files: string[];
  let problems: Promise<string[]>;

  before(async () => {
    assert.ok(existsSync(join(root, 'dist/lib/index.d.ts')), 'run `npm run build` first');
    work = await mkdtemp(join(tmpdir(), 'om-pack-'));
    const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', work], {cwd: root});
    const [packed] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>;
    files = packed.files.map((entry) => entry.path);

    const installed = join(work, 'node_modules/om-join-button');
    await mkdir(installed, {recursive: true});
    const tarball = join(work, packed.filename);
    await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    await mkdir(join(work, 'node_modules/@types'), {recursive: true});
    for (const dependency of ['lit', 'ky', '@types/node', '@types/react']) {
      await symlink(join(root, 'node_modules', dependency), join(work, 'node_modules', dependency));
    }
    await writeFile(join(work, 'package.json'), '{"type": "module", "private": true}');
    await writeFile(join(work, 'consumer.ts'), consumer);
    await writeFile(join(work, 'recipe.tsx'), await reactRecipe());
    problems = typeCheck(work, ['consumer.ts', 'recipe.tsx']);
    // A rejection is seen by the tests that await it, not here.
    problems.catch(() => {});
  });

  after(async () => {
    if (work) await rm(work, {recursive: true, force: true});
  });

  it('holds the script-tag builds, the Node build with types, and the manifest', () => {
    for (const expected of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/om-join-button.iife.js',
      'dist/om-join-button.esm.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/element/define.d.ts',
      'dist/lib/element/events.d.ts',
      'dist/lib/server/index.d.ts',
      'dist/lib/emulator/index.d.ts',
    ]) {
      assert.ok(files.includes(expected), `${expected} is packed`);
    }
  });

  it('leaves out sources, tests, demos, tooling and source maps', () => {
    const stray = files.filter(
      (path) =>
        /^(src|test|demo|bench|scripts|node_modules)\//.test(path) ||
        path.endsWith('.map') ||
        /(^|\/)(tsconfig|vite\.config|web-test-runner|custom-elements-manifest)/.test(path),
    );

    assert.deepEqual(stray, []);
  });

  it('points every exports, unpkg, jsdelivr and customElements entry at a packed file', () => {
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : [target.types, target.default],
    );
    const fields = [pkg.unpkg, pkg.jsdelivr, pkg.customElements];
    const missing = [...targets, ...fields]
      .map((path) => path.replace(/^\.\//, ''))
      .filter((path) => !files.includes(path));

    assert.deepEqual(missing, []);
    assert.equal(pkg.unpkg, './dist/om-join-button.iife.js');
    assert.equal(pkg.jsdelivr, pkg.unpkg);
  });

  it('marks only the modules that define the tag as having side effects', () => {
    const published = pkg.sideEffects.filter((path) => !path.startsWith('./src/'));

    assert.deepEqual(published.sort(), [
      './dist/lib/element/define.js',
      './dist/om-join-button.esm.js',
      './dist/om-join-button.iife.js',
    ]);
    for (const path of published) assert.ok(files.includes(path.slice(2)), `${path} is packed`);
  });

  it('carries the version of package.json in the define module', async () => {
    const define = await readFile(join(root, 'src/element/define.ts'), 'utf8');

    assert.equal(/export const VERSION = '([^']+)'/.exec(define)?.[1], pkg.version);
  });

  it('type-checks an app that uses every entry point of the packed package', async () => {
    const mine = (await problems).filter((line) => !line.startsWith('recipe.tsx'));

    assert.deepEqual(mine, []);
  });

  it('type-checks the React JSX of demo/RECIPES.md against the packed types', async () => {
    const mine = (await problems).filter((line) => line.startsWith('recipe.tsx'));

    assert.deepEqual(mine, []);
  });

  it('runs the server and emulator entries in Node, and "." defines no tag', async () => {
    const {stdout} = await run(process.execPath, ['--input-type=module', '-e', nodeProbe], {
      cwd: work,
    });

    assert.deepEqual(JSON.parse(stdout), {
      server: 'function',
      main: 'function',
      definedByMain: false,
      definedByDefine: true,
    });
  });
});
