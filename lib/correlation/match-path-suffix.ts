// How well a stack-frame path and a repository path agree, counted the way Sentry does: equal
// trailing path segments, case-insensitive (deploy roots and prefixes differ, file names do not).
export interface PathSuffixMatch {
  /** Trailing segments the two paths share. */
  shared: number;
  frameSegments: number;
  fileSegments: number;
}

const split = (path: string): string[] => path.split(/[\\/]/).filter((segment) => segment !== "");

export function matchPathSuffix(framePath: string, filePath: string): PathSuffixMatch {
  const frame = split(framePath);
  const file = split(filePath);
  let shared = 0;
  while (
    shared < frame.length &&
    shared < file.length &&
    frame[frame.length - 1 - shared]!.toLowerCase() === file[file.length - 1 - shared]!.toLowerCase()
  ) {
    shared += 1;
  }
  return { shared, frameSegments: frame.length, fileSegments: file.length };
}
