// Writes pkg/package.json from pkg-template/package.json with the crate's name and version
// (Cargo.toml is the one version source), then checks that every path it points at exists.
//
// Usage: node xtask/js/manifest.mjs <pkg-template/package.json> <pkg> <name> <version>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [templatePath, pkgDir, name, version] = process.argv.slice(2);
if (!version) {
  console.error('usage: node manifest.mjs <template> <pkg> <name> <version>');
  process.exit(2);
}
const template = JSON.parse(readFileSync(templatePath, 'utf8'));
const { name: _n, version: _v, private: _p, scripts: _s, devDependencies: _d, ...rest } = template;
const manifest = { name, version, ...rest };
writeFileSync(join(pkgDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

// Every string target in `exports`, plus main/module/types and the miniprogram dir, must exist.
const targets = [];
const walk = (v) => {
  if (typeof v === 'string') targets.push(v);
  else if (v && typeof v === 'object') Object.values(v).forEach(walk);
};
walk(manifest.exports);
for (const key of ['main', 'module', 'types', 'miniprogram']) if (manifest[key]) targets.push(manifest[key]);
const missing = targets.filter((t) => !t.includes('*') && !existsSync(resolve(pkgDir, t)));
if (missing.length > 0) {
  console.error(`error: pkg/package.json points at missing files: ${[...new Set(missing)].join(', ')}`);
  process.exit(1);
}
if (!existsSync(join(pkgDir, manifest.miniprogram ?? 'miniprogram_dist', 'index.js'))) {
  console.error('error: the mini-program directory has no index.js (WeChat loads <miniprogram>/index.js)');
  process.exit(1);
}
