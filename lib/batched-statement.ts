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
  /** Most inputs in one statement; more calls meanwhile make a further batch, which waits its turn. */
  maxBatchSize: number;
  /**
   * Whether an error proves the statement changed nothing (e.g. PostgreSQL refused it, so it rolled back).
   * Only then are the inputs of a failed batch run again, one at a time, so that one input's failure is
   * never another's; any other error (a lost connection, maybe after COMMIT) fails every caller at once.
   */
  rolledBack: (error: unknown) => boolean;
  /** Inputs that go in a statement of their own, outside the batches (e.g. too large to share one). */
  alone?: (input: In) => boolean;
}

/** A function that runs `run` for its input, batched with concurrent calls. */
export function batchedStatement<In, Out>({
  run,
  maxInFlight,
  maxBatchSize,
  rolledBack,
  alone,
}: BatchedStatementOptions<In, Out>): (input: In) => Promise<Out> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  // A finished statement hands its slot to the batch that gathered meanwhile, if any.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };
  const runChecked = async (inputs: readonly In[]): Promise<Out[]> => {
    const results = await run(inputs);
    if (results.length !== inputs.length)
      throw new Error(`batched statement returned ${results.length} results for ${inputs.length} inputs`);
    return results;
  };
  const runIsolated = async (inputs: readonly In[]): Promise<(Out | Error)[]> => {
    try {
      return await runChecked(inputs);
    } catch (error) {
      if (inputs.length === 1 || !rolledBack(error)) return inputs.map(() => asError(error));
      // One after another, within this batch's slot: a failing batch must not flood the pool.
      const results: (Out | Error)[] = [];
      for (const input of inputs) results.push(await runChecked([input]).then((single) => single[0]!, asError));
      return results;
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
      // Without a cache every batch reaches the function above, so every slot taken is released.
      cache: false,
      maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (inFlight >= maxInFlight) {
          waiting.push(dispatch);
          return;
        }
        inFlight += 1;
        // The rest of this turn's I/O callbacks (other requests' bodies) may still join the batch.
        setImmediate(dispatch);
      },
    },
  );
  return (input) => (alone?.(input) ? runChecked([input]).then((single) => single[0]!) : loader.load(input));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
