import { describe, expect, it } from "vitest";
import { walk, type TEdge } from "./paths";

const e = (source: string, type: TEdge["type"], target: string): TEdge => ({
  source,
  target,
  type,
  sightings: 3,
  sourceCount: 2,
  firstSeen: null,
  lastSeen: null,
});

describe("evidence paths", () => {
  it("walks hops from the start whichever way each relationship points", () => {
    const edges = [e("shop", "SHIPS_FROM", "addr"), e("wb", "DELIVERED_TO", "addr"), e("wb", "SENT_BY", "phone")];
    const hops = walk("shop", [0, 1, 2], edges);
    expect(hops.map((h) => [h.from, h.to, h.forward])).toEqual([
      ["shop", "addr", true],
      ["addr", "wb", false],
      ["wb", "phone", true],
    ]);
  });
});
