/**
 * The verifier's open OpenID4VP requests: a bounded in-memory store with a time to live, like its
 * rate limiter (the verifier has no database). A request is answered once: `claim` moves it from
 * `pending` to `checking` synchronously, so of two answers racing for it only the first is read.
 * One process only: see docs/openid4vp.md ("State").
 */
import type { Ask, DcqlQuery } from "./openid4vp-query.js";
import type { Verification } from "./verify.js";

export type RequestStatus = "pending" | "checking" | "answered" | "declined" | "expired";

export interface PresentationRequest {
  /** The employer's handle on the request (its page's URL): a secret, never in the request. */
  id: string;
  /** Identifies the request at the response endpoint; travels in the authorization request. */
  state: string;
  nonce: string;
  clientId: string;
  ask: Ask;
  dcql: DcqlQuery;
  createdAt: number;
  expiresAt: number;
  status: RequestStatus;
  /** The verification of what the wallet sent (answered). */
  result?: Verification;
}

export interface RequestStoreOptions {
  /** Most requests held at once (default 10 000). */
  maxRequests?: number;
  /** How long a request can be answered (default 10 minutes). */
  ttlMs?: number;
  /** How long an answer stays readable on the employer's page (default 10 minutes). */
  keepMs?: number;
  now: () => number;
}

export interface RequestStore {
  readonly ttlMs: number;
  /** Adds a request; false when the store is full of live requests. */
  add(request: Omit<PresentationRequest, "createdAt" | "expiresAt" | "status">): boolean;
  byId(id: string): PresentationRequest | undefined;
  /** Takes a pending request for answering (single use); undefined when unknown or not pending. */
  claim(state: string): PresentationRequest | { refused: "unknown" | "expired" | "answered" };
  /** Records the outcome of a claimed request. */
  settle(request: PresentationRequest, outcome: { result: Verification } | "declined"): void;
  /** Gives a claimed request back (the answer could not be read at all). */
  release(request: PresentationRequest): void;
  size(): number;
}

export function createRequestStore(options: RequestStoreOptions): RequestStore {
  const maxRequests = options.maxRequests ?? 10_000;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const keepMs = options.keepMs ?? 10 * 60_000;
  const { now } = options;
  const byId = new Map<string, PresentationRequest>();
  const byState = new Map<string, PresentationRequest>();

  /** Marks what expired; drops what is past its keeping time (insertion order = age order). */
  function sweep() {
    const at = now();
    for (const request of byId.values()) {
      if (request.status === "pending" && at >= request.expiresAt) request.status = "expired";
      if (at >= request.expiresAt + keepMs) {
        byId.delete(request.id);
        byState.delete(request.state);
      } else {
        break;
      }
    }
  }

  const current = (request: PresentationRequest | undefined) => {
    if (request?.status === "pending" && now() >= request.expiresAt) request.status = "expired";
    return request;
  };

  return {
    ttlMs,
    add(input) {
      sweep();
      if (byId.size >= maxRequests) return false;
      const at = now();
      const request: PresentationRequest = {
        ...input,
        createdAt: at,
        expiresAt: at + ttlMs,
        status: "pending",
      };
      byId.set(request.id, request);
      byState.set(request.state, request);
      return true;
    },
    byId(id) {
      sweep();
      return current(byId.get(id));
    },
    claim(state) {
      sweep();
      const request = current(byState.get(state));
      if (!request) return { refused: "unknown" };
      if (request.status === "expired") return { refused: "expired" };
      if (request.status !== "pending") return { refused: "answered" };
      request.status = "checking";
      return request;
    },
    settle(request, outcome) {
      if (outcome === "declined") {
        request.status = "declined";
      } else {
        request.status = "answered";
        request.result = outcome.result;
      }
    },
    release(request) {
      if (request.status === "checking") request.status = "pending";
    },
    size: () => byId.size,
  };
}
