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
          platforms {
            name
            count
          }
          brands {
            name
            count
          }
          sources {
            role
          }
          proposedCase {
            ...ProposedCaseFields
          }
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
      ...CreatedCaseFields
    }
  }
`);
