// Group commit: which calls share a statement, how many statements run at once, and that one input's
// failure stays its own.
import { describe, expect, it } from "vitest";
import { batchedStatement } from "@/lib/batched-statement";

/** Errors of the fake statements that say it changed nothing (as PostgreSQL's refusals do). */
class Refused extends Error {}
const rolledBack = (error: unknown) => error instanceof Refused;

/** A statement that doubles its inputs, finishing when `finish` is called; fails for inputs in `poison`. */
function fakeStatement(poison: number[] = []) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let maxSeenInFlight = 0;
  const run = (inputs: readonly number[]) => {
    batches.push([...inputs]);
    inFlight += 1;
    maxSeenInFlight = Math.max(maxSeenInFlight, inFlight);
    return new Promise<number[]>((resolve, reject) =>
      pending.push(() => {
        inFlight -= 1;
        if (inputs.some((input) => poison.includes(input))) reject(new Refused(`poisoned batch ${inputs.join(",")}`));
        else resolve(inputs.map((input) => input * 2));
      }),
    );
  };
  /** Lets every statement started so far finish, then waits for the batches that gathered meanwhile to start. */
  const finishAll = async () => {
    for (const finish of pending.splice(0)) finish();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, finishAll, maxInFlight: () => maxSeenInFlight };
}

async function settleAll<T>(
  promises: Promise<T>[],
  finishAll: () => Promise<void>,
): Promise<PromiseSettledResult<T>[]> {
  const settled = Promise.allSettled(promises);
  let done = false;
  void settled.then(() => (done = true));
  for (let round = 0; !done && round < 50; round++) await finishAll();
  return settled;
}

describe("batchedStatement", () => {
  it("sends calls of one turn together and answers each caller with its own result", async () => {
    const statement = fakeStatement();
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 100, rolledBack });
    const settled = await settleAll([1, 2, 3, 4].map(call), statement.finishAll);
    expect(settled).toEqual([2, 4, 6, 8].map((value) => ({ status: "fulfilled", value })));
    expect(statement.batches).toEqual([[1, 2, 3, 4]]);
  });

  it("gathers the calls that arrive while the statements in flight run into the next one, never more than maxInFlight at once", async () => {
    const statement = fakeStatement();
    const call = batchedStatement({ run: statement.run, maxInFlight: 1, maxBatchSize: 100, rolledBack });
    const first = call(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first statement is now in flight
    const later = [2, 3, 4, 5].map(call);
    const settled = await settleAll([first, ...later], statement.finishAll);
    expect(settled.map((result) => result.status === "fulfilled" && result.value)).toEqual([2, 4, 6, 8, 10]);
    expect(statement.batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(statement.maxInFlight()).toBe(1);
  });

  it("splits at maxBatchSize and keeps at most maxInFlight statements running", async () => {
    const statement = fakeStatement();
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 3, rolledBack });
    const settled = await settleAll(
      Array.from({ length: 10 }, (_, index) => call(index)),
      statement.finishAll,
    );
    expect(settled.every((result) => result.status === "fulfilled")).toBe(true);
    expect(statement.batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
    expect(statement.batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(statement.maxInFlight()).toBe(2);
  });

  it("runs each input of a refused batch alone, one after another, so only the failing input's caller sees the error", async () => {
    const statement = fakeStatement([3]);
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 100, rolledBack });
    const settled = await settleAll([1, 2, 3, 4].map(call), statement.finishAll);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Refused("poisoned batch 3"));
    expect(statement.batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
    expect(statement.maxInFlight()).toBe(1);
  });

  it("fails every caller of a batch at once when the error does not prove nothing was done (e.g. a lost connection)", async () => {
    let runs = 0;
    const call = batchedStatement<number, number>({
      run: async () => {
        runs += 1;
        throw new Error("Connection terminated unexpectedly");
      },
      maxInFlight: 1,
      maxBatchSize: 10,
      rolledBack,
    });
    const settled = await Promise.allSettled([1, 2, 3].map(call));
    expect(settled.map((result) => result.status === "rejected" && (result.reason as Error).message)).toEqual(
      Array(3).fill("Connection terminated unexpectedly"),
    );
    expect(runs).toBe(1);
  });

  it("keeps a statement that throws before it starts to its own callers", async () => {
    const call = batchedStatement<number, number>({
      run: (inputs) => {
        if (inputs.includes(2)) throw new Refused("cannot encode 2");
        return Promise.resolve(inputs.map((input) => input * 10));
      },
      maxInFlight: 1,
      maxBatchSize: 10,
      rolledBack,
    });
    const settled = await Promise.allSettled([1, 2, 3].map(call));
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("fails a statement that answers the wrong number of rows, without running it again (it may have been stored)", async () => {
    const call = batchedStatement<number, number>({
      run: async () => [],
      maxInFlight: 1,
      maxBatchSize: 10,
      rolledBack,
    });
    await expect(call(1)).rejects.toThrow("batched statement returned 0 results for 1 inputs");
  });

  it("frees its slot after a failure: later calls still run", async () => {
    let fail = true;
    const call = batchedStatement<number, number>({
      run: async (inputs) => {
        if (fail) throw new Refused("refused");
        return inputs.map((input) => input + 1);
      },
      maxInFlight: 1,
      maxBatchSize: 10,
      rolledBack,
    });
    await expect(call(1)).rejects.toThrow("refused");
    fail = false;
    await expect(Promise.all([call(1), call(2)])).resolves.toEqual([2, 3]);
  });
});
