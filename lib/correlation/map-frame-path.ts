// Turns the path a runtime reported for a frame into a candidate repository-relative path, or
// undefined when the frame is not our code (third-party packages, runtime internals, eval).
export interface PathMappingOptions {
  /** Where the app lives inside the repository, e.g. "apps/web" for a monorepo. */
  prefix?: string;
  /** Deployment directories to drop first, e.g. ["code", "var/task"] for "/code/app/x.py". */
  stripPrefixes?: string[];
}

export interface FramePathInput {
  filename?: string | null;
  absPath?: string | null;
}

const THIRD_PARTY =
  /(^|\/)(node_modules|site-packages|dist-packages|bower_components)\/|(^|\/)lib\/python\d+(\.\d+)*\//;
// Not files at all: eval'd code, native frames, Node internals, Python's frozen bootstrap.
const NOT_A_FILE = /^(<.*>|\[native code\]|native|node:.*|eval( .*)?)$/;

function clean(raw: string): string {
  let path = raw
    .trim()
    .replace(/\\/g, "/")
    .replace(/[?#].*$/, "");
  path = path
    .replace(/^webpack(-internal)?:\/\/[^/]*\//, "") // webpack://<namespace>/ and webpack:///
    .replace(/^app:\/\/\/?/, "")
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") // URL origins: http://localhost:4201, file://
    .replace(/^[a-z]:\//i, "") // Windows drive letters
    .replace(/^\([^/)]+\)\//, ""); // Next.js bundler layers: (app-pages-browser)/, (rsc)/
  // Relative markers may repeat ("./../src", "~/./x").
  for (let previous = ""; previous !== path; ) {
    previous = path;
    path = path.replace(/^(~\/|\.\/|\.\.\/|\/)/, "");
  }
  return path;
}

function usable(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "" && !NOT_A_FILE.test(value.trim());
}

function trimSlashes(value: string): string {
  return value.replace(/\\/g, "/").replace(/^\/+|\/+$/g, "");
}

export function mapFramePath(frame: string | FramePathInput, options: PathMappingOptions = {}): string | undefined {
  const { filename, absPath } = typeof frame === "string" ? { filename: frame, absPath: undefined } : frame;
  // abs_path reveals site-packages even when Python's filename is package-relative ("django/core/…").
  for (const candidate of [filename, absPath])
    if (usable(candidate) && THIRD_PARTY.test(clean(candidate))) return undefined;
  // filename first: Python reports it relative to sys.path, which matches the repository better
  // than the container's absolute path; abs_path is the fallback when filename is missing.
  const raw = [filename, absPath].find(usable);
  if (raw === undefined) return undefined;
  let path = clean(raw);
  for (const strip of options.stripPrefixes ?? []) {
    const prefix = `${trimSlashes(strip)}/`;
    if (prefix !== "/" && path.startsWith(prefix)) {
      path = path.slice(prefix.length);
      break;
    }
  }
  if (path === "") return undefined;
  const prefix = trimSlashes(options.prefix ?? "");
  return prefix && !path.startsWith(`${prefix}/`) ? `${prefix}/${path}` : path;
}
