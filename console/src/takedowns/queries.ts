import { graphql } from "../gql";

export const TakedownsQuery = graphql(`
  query Takedowns {
    takedownNotices(first: 50) {
      id
      platform
      reason
      issuedAt
      caseId
      from {
        name
      }
      results {
        action
        actedAt
        timeToRemovalHours
        listing {
          id
          caption
        }
      }
      removalTimes {
        answered
        removed
        medianHours
      }
    }
    repeatAlerts(first: 50) {
      id
      newPlatform
      via
      seenAt
      status
      newListing {
        id
        caption
      }
    }
  }
`);
