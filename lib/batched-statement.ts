// Group commit for a hot statement: calls that arrive while earlier statements of the same kind are in
// flight wait and go together as one multi-row statement. Under load this trades one round trip, one
// driver cycle and one socket write per call for one per batch, which is what the Node main thread
// spends most on; when idle, a call goes out at the next turn of the event loop, alone.
import DataLoader from "dataloader";

export interface BatchedStatementOptions<In, Out> {
  /** Runs one statement for all inputs and returns one result per input, in their order. */
  run: (inputs: readonly In[]) => Promise<Out[]>;
  /** Statements of this kind in flight at once; later calls wait for one to finish and then go together. */
  maxInFlight: number;
  maxBatchSize: number;
}

/**
 * A function that runs `run` for its input, batched with concurrent calls. When a batch of several
 * fails, each of its inputs is run again alone, so one input's failure is never another's.
 */
export function batchedStatement<In, Out>({ run, maxInFlight, maxBatchSize }: BatchedStatementOptions<In, Out>): (input: In) => Promise<Out> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  // A finished statement hands its slot to the batch that gathered meanwhile, if any.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };
  const runIsolated = async (inputs: readonly In[]): Promise<(Out | Error)[]> => {
    try {
      const results = await run(inputs);
      if (results.length !== inputs.length) throw new Error(`batched statement returned ${results.length} results for ${inputs.length} inputs`);
      return results;
    } catch (error) {
      if (inputs.length === 1) return [asError(error)];
      return Promise.all(inputs.map((input) => run([input]).then((results) => results[0] ?? new Error("batched statement returned no result"), asError)));
    }
  };
  const loader = new DataLoader<In, Out>(
    async (inputs) => {
      try {
        return await runIsolated(inputs);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (inFlight >= maxInFlight) return void waiting.push(dispatch);
        inFlight += 1;
        // The rest of this turn's I/O callbacks (other requests' bodies) may still join the batch.
        setImmediate(dispatch);
      },
    },
  );
  return (input) => loader.load(input);
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
