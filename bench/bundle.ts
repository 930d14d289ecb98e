import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {build} from 'vite';

export interface BundleFigures {
  gzip: number;
  brotli: number;
  floorGzip: number;
  floorBrotli: number;
  aboveFloor: number;
  budgetGzip: number;
  budgetAboveFloor: number;
  pass: boolean;
}

function sizes(code: Buffer) {
  return {
    gzip: gzipSync(code, {level: 9}).length,
    brotli: brotliCompressSync(code, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length,
  };
}

/** Gzip and brotli bytes of the IIFE, next to a minimal Lit + ky element built in the same run. */
export async function bundleFigures(): Promise<BundleFigures> {
  const ours = sizes(await readFile('dist/om-join-button.iife.js'));
  const dir = await mkdtemp(join(tmpdir(), 'om-floor-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        outDir: dir,
        minify: true,
        target: 'es2021',
        lib: {entry: 'bench/floor.ts', name: 'Floor', formats: ['iife'], fileName: () => 'floor.js'},
      },
    });
    const floor = sizes(await readFile(join(dir, 'floor.js')));
    const budgetGzip = 14_336;
    const budgetAboveFloor = 3_072;
    const aboveFloor = ours.gzip - floor.gzip;

    return {
      ...ours,
      floorGzip: floor.gzip,
      floorBrotli: floor.brotli,
      aboveFloor,
      budgetGzip,
      budgetAboveFloor,
      pass: ours.gzip <= budgetGzip && aboveFloor <= budgetAboveFloor,
    };
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}
