// `npm pack` of the built package, and scratch projects that install it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKG, requirePkg, scratchDir } from './pkg.mjs';

let tarball;

/** Runs a command, failing with its output when it exits non-zero. */
export function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The tarball of `npm pack` over the built package (made once per process). */
export function packTarball() {
  if (tarball) return tarball;
  requirePkg();
  const dir = scratchDir('pack');
  for (const f of readdirSync(dir)) if (f.endsWith('.tgz')) rmSync(join(dir, f));
  run('npm', ['pack', PKG, '--pack-destination', dir, '--silent', '--ignore-scripts'], dir);
  const made = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  if (made.length !== 1) throw new Error(`npm pack made ${made.length} tarballs in ${dir}`);
  tarball = join(dir, made[0]);
  return tarball;
}

/** The file list of the tarball, as `npm pack --dry-run --json` reports it. */
export function packedFiles() {
  const out = run('npm', ['pack', PKG, '--dry-run', '--json', '--ignore-scripts'], scratchDir('pack'));
  return JSON.parse(out)[0].files.map((f) => f.path).sort();
}

/**
 * A fresh project in `scratchDir(name)` with `manifest` as its
 * package.json plus a dependency on the packed tarball, installed offline.
 *
 * @param {string} name
 * @param {object} manifest
 * @returns {string} The project directory.
 */
export function installedProject(name, manifest) {
  const dir = scratchDir(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = { name: `scratch-${name}`, version: '1.0.0', private: true, ...manifest };
  pkg.dependencies = { ...(manifest.dependencies || {}), wxcard: `file:${packTarball()}` };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], dir);
  return dir;
}
