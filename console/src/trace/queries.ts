import { graphql } from "../gql";

export const TraceViewQuery = graphql(`
  query TraceView($id: ID!, $direction: TraceDirection!) {
    traceView(id: $id, direction: $direction, first: 20) {
      direction
      start
      nodes {
        id
        kind
        caption
        regions
        hops
        firstSeen
        lastSeen
      }
      edges {
        source
        target
        type
        sightings
        sourceCount
        firstSeen
        lastSeen
      }
      candidates {
        id
        score
        role
        paths
      }
    }
  }
`);

export const TraceProposalQuery = graphql(`
  query TraceProposal($id: ID!) {
    traceProposedCase(id: $id) {
      ...ProposedCaseFields
    }
  }
`);

export const CaseFromTraceMutation = graphql(`
  mutation CaseFromTrace($id: ID!, $title: String!) {
    createJointCaseFromTrace(id: $id, title: $title) {
      ...CreatedCaseFields
    }
  }
`);
