#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional dependencies that `npm install` left out.
//
// The registry mirror our machines use answers 404 for binaries of other platforms (darwin, win32,
// musl...), so `npm install` drops them from package-lock.json, and `npm ci` then refuses the lock
// ("Missing: <pkg>@ from lock file"). An entry with the version and `optional: true` is enough for
// `npm ci`: it installs the binary for the platform it runs on and skips the others.
// Run it after every `npm install` that changes dependencies: `node tools/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

/** The entry Node's resolution would find for `name` from `fromLocation`, if any. */
function nearest(fromLocation, name) {
  let location = fromLocation;
  for (;;) {
    const candidate = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return packages[candidate];
    if (!location) return null;
    const cut = location.lastIndexOf('/node_modules/');
    location = cut === -1 ? '' : location.slice(0, cut);
  }
}

const depth = (location) => location.split('/node_modules/').length;
let added = 0;
// Shallow packages first, so hoisted entries go to the top and only conflicting versions nest.
for (const [location, meta] of Object.entries(packages).sort(([a], [b]) => depth(a) - depth(b))) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const found = nearest(location, name);
    if (found?.version === version) continue;
    const target =
      found || !location
        ? `${location ? `${location}/` : ''}node_modules/${name}`
        : `node_modules/${name}`;
    packages[target] = { version, ...(meta.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} platform-specific optional entries added\n`);
