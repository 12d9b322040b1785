import type { FetchBudget } from "./fetch-budget.js";
import type { FetchRequestOptions, GuardedFetch } from "./guarded-fetch.js";

/**
 * The fetcher for one unit of work: every request it sends is charged to `budget`, and a URL
 * fetched as JSON more than once (the same status list for twenty credentials, the same DID
 * document) is fetched once, its answer (or its failure) shared by every caller, each with its
 * own copy. Keep it for the unit of work only: nothing is remembered after it.
 */
export function budgetedFetch(fetch: GuardedFetch, budget: FetchBudget): GuardedFetch {
  const answers = new Map<string, Promise<unknown>>();
  return {
    fetchBytes: (url, options = {}) => fetch.fetchBytes(url, { ...options, budget }),
    async fetchJson(url, options: FetchRequestOptions = {}) {
      const key = `${options.accept ?? ""}\n${url}`;
      let answer = answers.get(key);
      if (answer === undefined) {
        const refused = budget.refused;
        answer = fetch.fetchJson(url, { ...options, budget });
        // A fetch the budget refused is not remembered, so what is kept stays within the
        // budget (plus answers from the fetcher's own cache and URLs refused outright).
        if (budget.refused === refused) answers.set(key, answer);
      }
      return structuredClone(await answer);
    },
  };
}
