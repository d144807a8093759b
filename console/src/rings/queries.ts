import { graphql } from "../gql";

export const RingsQuery = graphql(`
  query Rings($first: Int!, $after: String) {
    rings(first: $first, after: $after) {
      edges {
        node {
          id
          size
          score
          reason
          members {
            edges {
              node {
                id
                kind
                caption
                regions {
                  code
                  fullName
                }
              }
            }
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

export const CaseFromRingMutation = graphql(`
  mutation CaseFromRing($ringId: ID!, $title: String!) {
    createJointCaseFromRing(ringId: $ringId, title: $title) {
      id
      title
      status
      routingReasons
      lead {
        code
        name
      }
      participants {
        code
        name
      }
    }
  }
`);
