// Command-line flags (and BENCH_* environment variables) of the webhook benchmark.
export interface ServerConfig {
  poolMax: number;
  logLevel: "warn" | "info";
}

export interface BenchOptions {
  /** Measured seconds per run. */
  duration: number;
  /** Unmeasured seconds before each run, at the same concurrency. */
  warmup: number;
  /** Runs per scenario and concurrency, interleaved across scenarios; the median run is reported. */
  repeat: number;
  connections: number[];
  configs: ServerConfig[];
  profile: boolean;
  /** Sequential requests per scenario in the round-trip profile. */
  profileRequests: number;
  /** Project directory whose build is benchmarked (default: this checkout). */
  appDir: string | undefined;
  /** Another checkout's build, measured in the same runs, interleaved, for a before/after comparison. */
  baselineDir: string | undefined;
  /** Longest wait, seconds, for the machine to go quiet before each measured run (0: do not wait). */
  quietWait: number;
}

const USAGE = `Usage: npm run bench -- [flags]   (flags may also be given as BENCH_* environment variables)
  --duration <s>          measured seconds per run                      BENCH_DURATION     (10)
  --warmup <s>            warm-up seconds before each run                BENCH_WARMUP       (2)
  --repeat <n>            runs per cell, interleaved; median reported    BENCH_REPEAT       (1)
  --connections <list>    concurrent connections                         BENCH_CONNECTIONS  (10,200)
  --configs <list>        server configurations, pool/loglevel           BENCH_CONFIGS      (10/warn,20/warn,10/info)
  --profile-requests <n>  sequential requests per scenario when profiling BENCH_PROFILE_REQUESTS (300)
  --quiet-wait <s>        wait up to this long for other load to stop     BENCH_QUIET_WAIT   (60)
                          before each run (0: never wait)
  --app <dir>             benchmark the build of another checkout          BENCH_APP_DIR      (this one)
  --baseline <dir>        also run another checkout's build, interleaved   BENCH_BASELINE_DIR
                          with this one, and compare the two
  --no-profile            skip the round-trip / CPU profile              BENCH_PROFILE=0
  --profile-only          only the profile (no throughput runs)          BENCH_CONFIGS=none
  --quick                 3 s runs, 1 s warm-up, one config (10/warn), short profile`;

function parseList(value: string, what: string): string[] {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`${what}: empty list`);
  return items;
}

function parsePositive(value: string, what: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${what}: expected a positive number, got "${value}"`);
  return number;
}

function parseConfig(item: string): ServerConfig {
  const [pool, level = "warn"] = item.split("/");
  if (level !== "warn" && level !== "info")
    throw new Error(`--configs: log level must be warn or info, got "${level}"`);
  const poolMax = parsePositive(pool ?? "", "--configs pool size");
  if (!Number.isInteger(poolMax) || poolMax > 100)
    throw new Error(`--configs: pool size must be an integer 1-100, got "${pool}"`);
  return { poolMax, logLevel: level };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const raw: Record<string, string | undefined> = {
    duration: env.BENCH_DURATION,
    warmup: env.BENCH_WARMUP,
    repeat: env.BENCH_REPEAT,
    connections: env.BENCH_CONNECTIONS,
    configs: env.BENCH_CONFIGS,
    "profile-requests": env.BENCH_PROFILE_REQUESTS,
    "quiet-wait": env.BENCH_QUIET_WAIT,
    app: env.BENCH_APP_DIR,
    baseline: env.BENCH_BASELINE_DIR,
  };
  let profile = env.BENCH_PROFILE !== "0";
  let quick = env.BENCH_QUICK === "1";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === "--no-profile") profile = false;
    else if (arg === "--profile") profile = true;
    else if (arg === "--quick") quick = true;
    else if (arg === "--profile-only") {
      raw.configs = "none";
      profile = true;
    } else if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      if (!(name in raw)) throw new Error(`unknown flag ${arg}\n${USAGE}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      raw[name] = value;
    } else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  const pick = (name: string, normal: string, short: string) => raw[name] ?? (quick ? short : normal);
  return {
    duration: parsePositive(pick("duration", "10", "3"), "--duration"),
    warmup: Number(pick("warmup", "2", "1")) || 0,
    repeat: Math.max(1, Math.round(parsePositive(pick("repeat", "1", "1"), "--repeat"))),
    connections: parseList(pick("connections", "10,200", "10,200"), "--connections").map((c) =>
      parsePositive(c, "--connections"),
    ),
    configs:
      pick("configs", "10/warn,20/warn,10/info", "10/warn") === "none"
        ? []
        : parseList(pick("configs", "10/warn,20/warn,10/info", "10/warn"), "--configs").map(parseConfig),
    profile,
    profileRequests: parsePositive(pick("profile-requests", "300", "100"), "--profile-requests"),
    appDir: raw.app,
    baselineDir: raw.baseline,
    quietWait: Math.max(0, Number(pick("quiet-wait", "60", "10")) || 0),
  };
}
