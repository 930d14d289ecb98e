import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, it} from 'node:test';

const src = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Each source file's part (client, element, server, emulator) and the parts it imports. */
function imports(part: string): Array<{file: string; target: string}> {
  return files(join(src, part)).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*?from\s*'([^']+)'|import\s*'([^']+)'/g),
    ];

    return specifiers
      .map((m) => m[1] ?? m[2])
      .filter((s) => s.startsWith('.'))
      .map((s) => ({
        file: relative(src, file),
        target: relative(src, resolve(dirname(file), s)).split('/')[0],
      }));
  });
}

// The four parts import one way only: a shared bug between the client and the emulator would
// pass every test, and server code in the element would ship the service account to browsers.
const allowed: Record<string, string[]> = {
  client: ['client'],
  element: ['element', 'client'],
  server: ['server', 'client'],
  emulator: ['emulator'],
};

describe('module boundaries', () => {
  for (const [part, may] of Object.entries(allowed)) {
    it(`keeps ${part} importing only ${may.join(' and ')}`, () => {
      const found = imports(part);
      assert.ok(found.length > 0, `${part} has imports to check`);
      const stray = found.filter(({target}) => !may.includes(target.replace(/\.(ts|js)$/, '')));
      assert.deepEqual(stray, []);
    });
  }

  it('keeps the client free of the DOM, so it runs in Node', () => {
    for (const file of files(join(src, 'client'))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(
        text,
        /\b(document|window|customElements|HTMLElement)\b/,
        relative(src, file),
      );
    }
  });

  it('keeps the emulator off npm packages, so it shares no code with the client', () => {
    for (const file of files(join(src, 'emulator'))) {
      const text = readFileSync(file, 'utf8');
      const bare = [...text.matchAll(/from\s*'([^'.][^']*)'/g)].map((m) => m[1]);
      assert.deepEqual(
        bare.filter((s) => !s.startsWith('node:')),
        [],
        relative(src, file),
      );
    }
  });
});
