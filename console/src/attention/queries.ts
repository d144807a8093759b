import { graphql } from "../gql";

export const AttentionQuery = graphql(`
  query Attention {
    attention(first: 100) {
      kind
      ref
      title
      due
      overdue
      caseId
    }
    notifications(filter: { direction: RECEIVED }, first: 50) {
      id
      status
      message
      deadline
      overdue
      caseId
      from {
        code
        name
      }
      clue {
        id
        caption
      }
      reply {
        text
        repliedAt
        onTime
      }
    }
  }
`);

export const ReplyMutation = graphql(`
  mutation Reply($id: ID!, $kind: ReplyKind!, $text: String!) {
    replyNotification(id: $id, kind: $kind, text: $text) {
      id
      status
      reply {
        text
        repliedAt
        onTime
      }
    }
  }
`);
