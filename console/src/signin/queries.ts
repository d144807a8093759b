import { graphql } from "../gql";

export const MeQuery = graphql(`
  query Me {
    me {
      sub
      name
      role
      bureau {
        code
        name
      }
    }
  }
`);
