import { graphql } from "../gql";

export const CasesQuery = graphql(`
  query JointCases($first: Int!) {
    jointCases(first: $first) {
      edges {
        node {
          id
          title
          status
          relation
          major
          supervised
          coordinationLevel
          jointActionAt
          lead {
            code
            name
          }
          participants {
            code
            name
          }
          tasks(first: 50) {
            totalCount
            edges {
              node {
                id
                status
                due
              }
            }
          }
        }
      }
    }
  }
`);

export const CaseQuery = graphql(`
  query JointCase($id: ID!) {
    jointCase(id: $id) {
      id
      title
      status
      statusReason
      relation
      major
      supervised
      summary
      coordinationLevel
      routingReasons
      createdAt
      openedAt
      jointActionAt
      lead {
        code
        name
      }
      coordinators {
        code
        name
      }
      participants {
        code
        name
      }
      tasks(first: 100) {
        totalCount
        edges {
          node {
            id
            kind
            title
            due
            status
            assignee
            result
            bureau {
              code
              name
            }
          }
        }
      }
      comments {
        id
        author
        text
        at
        bureau {
          name
        }
      }
      evidenceTransfers {
        id
        what
        transferredAt
        from {
          name
        }
        to {
          name
        }
      }
      policeTransfers {
        id
        reference
        policeUnit
        offenceLabel
        transferredAt
      }
      supervisions {
        id
        status
        deadline
        requirement
        supervisor {
          name
        }
      }
    }
  }
`);

export const AddTaskMutation = graphql(`
  mutation AddTask($input: AddTaskInput!) {
    addTask(input: $input) {
      id
      title
      due
      status
      bureau {
        code
        name
      }
    }
  }
`);

export const AddCommentMutation = graphql(`
  mutation AddComment($caseId: ID!, $text: String!) {
    addComment(caseId: $caseId, text: $text) {
      id
    }
  }
`);

export const TransitionMutation = graphql(`
  mutation TransitionCase($id: ID!, $status: JointCaseStatus!, $reason: String!) {
    transitionJointCase(id: $id, status: $status, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

export const UpdateTaskMutation = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      id
      status
      result
    }
  }
`);

// What the jurisdiction rules propose (a ring's or a trace's case), shown before opening it.
export const ProposedCaseFields = graphql(`
  fragment ProposedCaseFields on ProposedJointCase {
    level
    major
    supervise
    reasons
    lead {
      code
      fullName
      bureau {
        code
        name
      }
    }
    coordinators {
      code
      bureau {
        code
        name
      }
    }
    notify {
      code
      bureau {
        code
        name
      }
    }
    participants {
      roles
      region {
        code
        fullName
      }
    }
  }
`);

// A case just opened from a ring or a trace: who leads and why, as the hub recorded it.
export const CreatedCaseFields = graphql(`
  fragment CreatedCaseFields on JointCase {
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
`);
