import {defineConfig} from 'vite';

/**
 * The two script-tag builds, both self-contained: `vite build` writes the classic-script IIFE,
 * `vite build --mode esm` the ES module. The npm build of `src/` is tsc's (tsconfig.build.json).
 */
export default defineConfig(({mode}) => {
  const esm = mode === 'esm';

  return {
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
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
