import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {apiTable} from '../../scripts/api-table.js';

// custom-elements.json as `npm run build` writes it, held against the element's own source.
const root = new URL('../..', import.meta.url).pathname;
const source = (path: string) => readFile(join(root, path), 'utf8');

interface Entry {
  name: string;
  description?: string;
  default?: string;
  type?: {text: string};
  kind?: string;
  privacy?: string;
  static?: boolean;
}

interface Declaration extends Entry {
  tagName: string;
  attributes: Entry[];
  members: Entry[];
  events: Entry[];
  slots: Entry[];
  cssParts: Entry[];
  cssProperties: Entry[];
}

interface Manifest {
  modules: Array<{
    path: string;
    declarations?: Declaration[];
    exports?: Array<{kind: string; name: string; declaration: {name: string; module: string}}>;
  }>;
}

async function manifest(): Promise<Manifest> {
  assert.ok(existsSync(join(root, 'custom-elements.json')), 'run `npm run build` first');

  return JSON.parse(await source('custom-elements.json')) as Manifest;
}

async function element(): Promise<Declaration> {
  const declarations = (await manifest()).modules.flatMap((module) => module.declarations ?? []);
  const found = declarations.find((declaration) => declaration.tagName === 'om-join-button');
  assert.ok(found, 'the manifest declares <om-join-button>');

  return found;
}

const names = (entries: Entry[]) => entries.map((entry) => entry.name).sort();
const undescribed = (entries: Entry[]) => names(entries.filter((entry) => !entry.description));

/** `var(--om-join-…, fallback)` in CSS, with fallbacks that hold parentheses of their own. */
function customProperties(css: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const match of css.matchAll(/var\((--om-join-[\w-]+)\s*,\s*/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; depth > 0 && end < css.length; end += 1) {
      if (css[end] === '(') depth += 1;
      if (css[end] === ')') depth -= 1;
    }
    const fallback = css.slice(match.index + match[0].length, end - 1).trim();
    found.set(match[1], (found.get(match[1]) ?? new Set()).add(fallback));
  }

  return found;
}

describe('custom-elements.json', () => {
  it('declares the tag, registered by the published define module', async () => {
    const definitions = (await manifest()).modules.flatMap((module) =>
      (module.exports ?? [])
        .filter((entry) => entry.kind === 'custom-element-definition')
        .map((entry) => ({path: module.path, name: entry.name, module: entry.declaration.module})),
    );

    assert.deepEqual(definitions, [
      {
        path: 'dist/lib/element/define.js',
        name: 'om-join-button',
        module: 'dist/lib/element/om-join-button.js',
      },
    ]);
    assert.ok((await element()).description);
  });

  it('names only files the package ships', async () => {
    for (const module of (await manifest()).modules) {
      assert.ok(existsSync(join(root, module.path)), `${module.path} exists after the build`);
    }
  });

  it('lists every attribute the element observes, each with a description', async () => {
    const {OmJoinButton} = await import('../../src/element/om-join-button.js');
    const declared = await element();

    assert.deepEqual(names(declared.attributes), [...OmJoinButton.observedAttributes].sort());
    assert.deepEqual(undescribed(declared.attributes), []);
  });

  it('describes every public property and method', async () => {
    const {OmJoinButton} = await import('../../src/element/om-join-button.js');
    const members = (await element()).members.filter((m) => m.privacy !== 'private' && !m.static);

    for (const property of OmJoinButton.elementProperties.keys()) {
      assert.ok(names(members).includes(String(property)), `${String(property)} is listed`);
    }
    assert.deepEqual(undescribed(members), []);
  });

  it('lists every event the element fires, typed and described', async () => {
    const code = await source('src/element/om-join-button.ts');
    const fired = new Set([...code.matchAll(/#emit\(\s*'(om-join-[a-z]+)'/g)].map((m) => m[1]));
    const {events} = await element();

    assert.deepEqual(names(events), [...fired].sort());
    assert.deepEqual(undescribed(events), []);
    for (const {type} of events) assert.match(type?.text ?? '', /^CustomEvent<OmJoin\w+Detail>$/);
  });

  it('lists every part the template renders, each with a description', async () => {
    const code = await source('src/element/om-join-button.ts');
    const parts = new Set([...code.matchAll(/\spart="([a-z]+)"/g)].map((m) => m[1]));
    const declared = await element();

    assert.deepEqual(names(declared.cssParts), [...parts].sort());
    assert.deepEqual(undescribed(declared.cssParts), []);
    assert.deepEqual(undescribed(declared.slots), []);
  });

  it('lists every custom property the styles read, with the fallback they use', async () => {
    const used = customProperties(await source('src/element/om-join-button.styles.ts'));
    const {cssProperties} = await element();

    assert.deepEqual(names(cssProperties), [...used.keys()].sort());
    assert.deepEqual(undescribed(cssProperties), []);
    for (const property of cssProperties) {
      assert.deepEqual([property.default], [...used.get(property.name)!], property.name);
    }
  });

  it('matches demo/API.md, which `npm run docs:api` writes from it', async () => {
    await manifest();
    const table = apiTable(JSON.parse(await source('custom-elements.json')));

    assert.equal(await source('demo/API.md'), table, 'run `npm run docs:api`');
  });
});
