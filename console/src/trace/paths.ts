// An evidence path as the trace screen shows it: hops in order from the start, each with
// its two ends (the edge's own direction may point either way).
import type { TraceViewQuery } from "../gql/graphql";

type View = NonNullable<TraceViewQuery["traceView"]>;
export type TNode = View["nodes"][number];
export type TEdge = View["edges"][number];

export interface Hop {
  from: string;
  to: string;
  edge: TEdge;
  forward: boolean;
}

/** The hops of a path (edge indexes), walked from `start`. */
export function walk(start: string, path: readonly number[], edges: readonly TEdge[]): Hop[] {
  const hops: Hop[] = [];
  let at = start;
  for (const index of path) {
    const edge = edges[index];
    if (!edge) continue;
    const forward = edge.source === at;
    const next = forward ? edge.target : edge.source;
    hops.push({ from: at, to: next, edge, forward });
    at = next;
  }
  return hops;
}
