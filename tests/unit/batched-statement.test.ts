// Group commit: which calls share a statement, how many statements run at once, and that one input's
// failure stays its own.
import { describe, expect, it } from "vitest";
import { batchedStatement } from "@/lib/batched-statement";

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
        if (inputs.some((input) => poison.includes(input))) reject(new Error(`poisoned batch ${inputs.join(",")}`));
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

async function settleAll<T>(promises: Promise<T>[], finishAll: () => Promise<void>): Promise<PromiseSettledResult<T>[]> {
  const settled = Promise.allSettled(promises);
  let done = false;
  void settled.then(() => (done = true));
  for (let round = 0; !done && round < 50; round++) await finishAll();
  return settled;
}

describe("batchedStatement", () => {
  it("sends calls of one turn together and answers each caller with its own result", async () => {
    const statement = fakeStatement();
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 100 });
    const settled = await settleAll([1, 2, 3, 4].map(call), statement.finishAll);
    expect(settled).toEqual([2, 4, 6, 8].map((value) => ({ status: "fulfilled", value })));
    expect(statement.batches).toEqual([[1, 2, 3, 4]]);
  });

  it("gathers the calls that arrive while the statements in flight run into the next one, never more than maxInFlight at once", async () => {
    const statement = fakeStatement();
    const call = batchedStatement({ run: statement.run, maxInFlight: 1, maxBatchSize: 100 });
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
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 3 });
    const settled = await settleAll(Array.from({ length: 10 }, (_, index) => call(index)), statement.finishAll);
    expect(settled.every((result) => result.status === "fulfilled")).toBe(true);
    expect(statement.batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
    expect(statement.batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(statement.maxInFlight()).toBe(2);
  });

  it("runs each input of a failed batch alone, so only the failing input's caller sees the error", async () => {
    const statement = fakeStatement([3]);
    const call = batchedStatement({ run: statement.run, maxInFlight: 2, maxBatchSize: 100 });
    const settled = await settleAll([1, 2, 3, 4].map(call), statement.finishAll);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Error("poisoned batch 3"));
    expect(statement.batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it("treats a statement that answers the wrong number of rows as failed", async () => {
    const call = batchedStatement<number, number>({ run: async () => [], maxInFlight: 1, maxBatchSize: 10 });
    await expect(call(1)).rejects.toThrow("batched statement returned 0 results for 1 inputs");
  });

  it("frees its slot after a failure: later calls still run", async () => {
    let fail = true;
    const call = batchedStatement<number, number>({
      run: async (inputs) => {
        if (fail) throw new Error("connection lost");
        return inputs.map((input) => input + 1);
      },
      maxInFlight: 1,
      maxBatchSize: 10,
    });
    await expect(call(1)).rejects.toThrow("connection lost");
    fail = false;
    await expect(Promise.all([call(1), call(2)])).resolves.toEqual([2, 3]);
  });
});
