import {defineConfig, type Plugin} from 'vite';

/**
 * The two script-tag builds, both self-contained: `vite build` writes the classic-script IIFE,
 * `vite build --mode esm` the ES module. The npm build of `src/` is tsc's (tsconfig.build.json).
 */
export default defineConfig(({mode}) => {
  const esm = mode === 'esm';

  return {
    plugins: [compactTemplates(), noDevWarnings()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      // es2022 would save about 800 B gzip (and the bench's floor about 600 B), but its static
      // blocks need Safari 16.4; es2021 runs on Safari 14 (#8).
      target: 'es2021',
      sourcemap: true,
      lib: {
        entry: 'src/browser.ts',
        name: 'OmJoinButton',
        formats: [esm ? 'es' : 'iife'],
        fileName: () => (esm ? 'om-join-button.esm.js' : 'om-join-button.iife.js'),
      },
    },
  };
});

/**
 * Squeezes the element's own `css` and `html` templates, which the minifier keeps verbatim: CSS
 * loses comments, indents and the spaces around its punctuation, markup the indents between tags
 * and attributes. Line breaks stay, so the source map still points at the right lines. Text that
 * a visitor sees is never inside those runs, so nothing renders differently.
 */
function compactTemplates(): Plugin {
  return {
    name: 'om-compact-templates',
    transform(code, id) {
      if (!/\/src\/element\/[^/]+\.ts$/.test(id)) return null;

      const out = code
        .replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${compactCss(body)}\``)
        .replace(/\bhtml`([^`]*)`/g, (_, body: string) => `html\`${squeeze(body)}\``);

      return out === code ? null : {code: out, map: null};
    },
  };
}

/**
 * The script-tag builds are production builds, where src/element/dev.ts never warns; this drops
 * its code and the warnings' text, which a flag the tests can set would otherwise keep alive.
 */
function noDevWarnings(): Plugin {
  return {
    name: 'om-no-dev-warnings',
    load(id) {
      if (!id.endsWith('/src/element/dev.ts')) return null;

      return 'export const devMode = {warnings: false};\nexport function warnOnce() {}\n';
    },
  };
}

/** Each run of white space as one space, or as its line breaks when it has any. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, (run) =>
    run.includes('\n') ? '\n'.repeat(run.split('\n').length - 1) : ' ',
  );
}

function compactCss(text: string): string {
  const bare = text.replace(/\/\*[\s\S]*?\*\//g, (comment) =>
    '\n'.repeat(comment.split('\n').length - 1),
  );

  return squeeze(bare)
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/\n+ /g, (run) => run.trimEnd())
    .replace(/([:{};,>]) /g, '$1')
    .replace(/;(\n*)}/g, '$1}');
}
