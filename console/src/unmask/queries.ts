import { graphql } from "../gql";

export const UnmaskMutation = graphql(`
  mutation Unmask($id: ID!, $reason: String!) {
    unmask(id: $id, reason: $reason) {
      key
      caption
      auditEvent
      properties {
        name
        value
      }
    }
  }
`);
