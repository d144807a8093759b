import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { guessMode } from "./mode";
import { SearchScreen } from "./Search";

const nike = {
  id: "e1",
  kind: "Brand",
  caption: "Nike",
  masked: false,
  lastSeen: null,
  regions: [],
};

describe("search", () => {
  it("tells identifiers from names", () => {
    expect(guessMode("13812345678")).toBe("identifier");
    expect(guessMode("138 1234 5678")).toBe("identifier");
    expect(guessMode("shop:tmall:5001")).toBe("identifier");
    expect(guessMode("91350300MA2YB8XK0X")).toBe("identifier");
    expect(guessMode("耐克")).toBe("text");
    expect(guessMode("莆田运动鞋店")).toBe("text");
  });

  it("searches what was typed and lists kind and masked caption as links", async () => {
    const sent: Sent[] = [];
    const client = answering(
      { Search: { data: { search: { edges: [{ node: nike }], pageInfo: { hasNextPage: false, endCursor: null } } } } },
      sent,
    );
    renderScreen(<SearchScreen />, { client, path: "/search" });
    await userEvent.type(screen.getByTestId("search-input"), "耐克");
    await userEvent.click(screen.getByRole("button", { name: /检\s*索/ }));
    const link = await screen.findByRole("link", { name: "Nike" });
    expect(link.getAttribute("href")).toBe("/entity/e1");
    expect(screen.getByText("品牌")).toBeTruthy();
    expect(sent.at(-1)).toEqual({ name: "Search", variables: { text: "耐克", identifier: null, first: 50 } });
  });

  it("shows the hub's error message as it came", async () => {
    const client = answering({ Search: { errors: [{ message: "text must be 2-100 characters" }] } });
    renderScreen(<SearchScreen />, { client, path: "/search?q=xx" });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("text must be 2-100 characters"));
  });

  it("says when nothing matched", async () => {
    const client = answering({ Search: { data: { search: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } });
    renderScreen(<SearchScreen />, { client, path: "/search?q=nothing" });
    expect(await screen.findByText(/未找到与“nothing”相符/)).toBeTruthy();
  });
});
