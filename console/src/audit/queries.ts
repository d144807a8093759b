import { graphql } from "../gql";

export const AuditQuery = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int!, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          key
          at
          actor
          actorName
          role
          operation
          reason
          requestId
          detail
          bureau {
            name
          }
          objects {
            key
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
