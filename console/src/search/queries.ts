import { graphql } from "../gql";

export const SearchQuery = graphql(`
  query Search($text: String, $identifier: String, $first: Int!, $after: String) {
    search(text: $text, identifier: $identifier, first: $first, after: $after) {
      edges {
        node {
          id
          kind
          caption
          masked
          lastSeen
          regions {
            code
            fullName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
