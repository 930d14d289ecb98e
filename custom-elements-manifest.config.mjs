/**
 * `cem analyze` (part of `npm run build`) writes custom-elements.json from the element's JSDoc.
 * Only the element and its registration are read, and paths name the published `dist/lib` files,
 * since `src/` is not in the package.
 */
export default {
  globs: ['src/element/om-join-button.ts', 'src/element/define.ts'],
  outdir: '.',
  litelement: true,
  // The analyzer would otherwise rewrite package.json on every build.
  packagejson: false,
  quiet: true,
  plugins: [publishedPaths()],
};

function publishedPaths() {
  const published = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/lib/$1.js');
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') {
        node[key] = published(value);
      } else visit(value);
    }
  };

  return {
    name: 'om-published-paths',
    packageLinkPhase({customElementsManifest}) {
      visit(customElementsManifest.modules);
    },
  };
}
