// The urql client: the hub's /graphql with the bearer token; a 401 signs out.
import { Client, cacheExchange, fetchExchange } from "urql";

export function makeClient(token: string | null, onUnauthorized: () => void, url = "/graphql"): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: (): RequestInit => ({
      headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>),
    }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
}
