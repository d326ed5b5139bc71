/** The external project of a source's fallback mapping: it takes the items of every project without a mapping of its own. */
export const FALLBACK_EXTERNAL_PROJECT = "*";
