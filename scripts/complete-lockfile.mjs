// Adds lockfile entries for native packages of other platforms that this machine's npm registry does
// not serve (so `npm install` leaves them out). `npm ci` refuses a lockfile missing any optional
// dependency, even one it would skip; with an entry carrying its os/cpu, it skips it without a fetch.
// Run after `npm install` changes dependencies: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORM = [
  [/android-arm64/, { os: ["android"], cpu: ["arm64"] }],
  [/darwin-arm64/, { os: ["darwin"], cpu: ["arm64"] }],
  [/darwin-x64/, { os: ["darwin"], cpu: ["x64"] }],
  [/freebsd-x64/, { os: ["freebsd"], cpu: ["x64"] }],
  [/linux-arm-gnueabihf/, { os: ["linux"], cpu: ["arm"] }],
  [/linux-arm64/, { os: ["linux"], cpu: ["arm64"] }],
  [/linux-x64/, { os: ["linux"], cpu: ["x64"] }],
  [/wasm32-wasi/, { cpu: ["wasm32"] }],
  [/win32-arm64/, { os: ["win32"], cpu: ["arm64"] }],
  [/win32-ia32/, { os: ["win32"], cpu: ["ia32"] }],
  [/win32-x64/, { os: ["win32"], cpu: ["x64"] }],
];

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const platform = PLATFORM.find(([pattern]) => pattern.test(name))?.[1];
    if (lock.packages[key] || !platform || !/^\d/.test(version)) continue;
    lock.packages[key] = { version, optional: true, ...platform };
    added += 1;
    void path;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync("package-lock.json", `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
