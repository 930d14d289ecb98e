import {chromeLauncher} from '@web/test-runner-chrome';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeArgs, findChrome} from './scripts/chrome.ts';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ts: true, target: 'es2022'})],
  browsers: [chromeLauncher({launchOptions: {executablePath: findChrome(), args: chromeArgs}})],
};
