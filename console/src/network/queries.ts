import { graphql } from "../gql";

export const EntityQuery = graphql(`
  query EntityDetail($id: ID!) {
    entity(id: $id) {
      id
      kind
      key
      caption
      masked
      firstSeen
      lastSeen
      sightings
      sources
      regions {
        code
        fullName
      }
      properties {
        name
        value
      }
    }
  }
`);

export const GraphViewQuery = graphql(`
  query GraphView($id: ID!, $hops: Int!, $types: [RelationshipType!], $kinds: [EntityKind!], $first: Int!, $after: String) {
    graphView(id: $id, hops: $hops, types: $types, kinds: $kinds, first: $first, after: $after) {
      start
      truncated
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        caption
        masked
        regions
        firstSeen
        lastSeen
        sightings
        hops
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
    }
  }
`);

// Rings the analysis found, by member: what "collapse a ring" folds (loaded on demand).
export const RingGroupsQuery = graphql(`
  query RingGroups($first: Int!) {
    rings(first: $first) {
      edges {
        node {
          id
          size
          members {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    }
  }
`);
