/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A task for a bureau on the case (the lead or coordinator). */
export type AddTaskInput = {
  assignee?: string;
  bureau: string;
  caseId: string | number;
  due: string;
  kind: TaskKind;
  market?: string | null | undefined;
  title: string;
};

/** What an attention item asks for. */
export type AttentionKind =
  | 'AUTHENTICATION'
  | 'DESIGNATION'
  | 'ESCALATION'
  | 'PROGRESS_REPORT'
  | 'REPEAT_ALERT'
  | 'REPLY'
  | 'TASK';

/** Narrow the audit trail; all given fields must match. */
export type AuditEventFilter = {
  actor?: string | null | undefined;
  objectId?: string | number | null | undefined;
  operation?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
};

/**
 * How a bureau stands to a case: 主办, coordinating, 协办, above one of them, or outside
 * (an outsider does not see the case).
 */
export type CaseRelation =
  | 'COORDINATOR'
  | 'LEAD'
  | 'OUTSIDER'
  | 'PARTICIPANT'
  | 'SUPERIOR';

/** Who coordinates: one county, a city, a province, the provinces involved, or SAMR. */
export type CoordinationLevel =
  | 'CITY'
  | 'COUNTY'
  | 'INTER_PROVINCIAL'
  | 'NATIONAL'
  | 'PROVINCE';

/** Node kinds of the clue graph (graph.model.NODE_KINDS). */
export type EntityKind =
  | 'ADDRESS'
  | 'BRAND'
  | 'CARRIER'
  | 'CLUE'
  | 'COMPANY'
  | 'COMPLAINT'
  | 'ID_CARD'
  | 'LISTING'
  | 'MARKET'
  | 'NAMED_COMPANY'
  | 'PERSON'
  | 'PHONE'
  | 'PLATFORM'
  | 'REGION'
  | 'RIGHTS_HOLDER'
  | 'SHOP'
  | 'URL'
  | 'WAYBILL';

/** proposed → open → action → closed (a proposal or an open case may be closed directly). */
export type JointCaseStatus =
  | 'ACTION'
  | 'CLOSED'
  | 'OPEN'
  | 'PROPOSED';

/** sent → accepted | declined | reported; accepted → reported (件件有回音). */
export type NotificationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'REPORTED'
  | 'SENT';

/** Relationship types of the clue graph (graph.model.REL_TYPES). */
export type RelationshipType =
  | 'AT_MARKET'
  | 'CARRIED_BY'
  | 'CLAIMS_BRAND'
  | 'DELIVERED_TO'
  | 'HAS_ID'
  | 'HAS_PHONE'
  | 'HAS_URL'
  | 'HELD_BY'
  | 'IN_MARKET'
  | 'LISTED_IN'
  | 'LOCATED_IN'
  | 'MENTIONS'
  | 'NAMES_SHOP'
  | 'ON_PLATFORM'
  | 'OPERATED_BY'
  | 'POSSIBLY_SAME_AS'
  | 'RECEIVED_BY'
  | 'RECEIVED_IN'
  | 'RETURNS_TO'
  | 'SAME_AS'
  | 'SENT_BY'
  | 'SENT_FROM'
  | 'SHIPS_FROM'
  | 'WITHIN';

/** What a reappearing listing shares with the removed one. */
export type RepeatVia =
  | 'PHONE'
  | 'SAME_LISTING'
  | 'SHOP'
  | 'USCC';

/** accept it, decline it (with a reason), or report the result. */
export type ReplyKind =
  | 'ACCEPT'
  | 'DECLINE'
  | 'RESULT';

/** 挂牌督办: listed → lifted. */
export type SupervisionStatus =
  | 'LIFTED'
  | 'LISTED';

/** A platform's answer for one listing. */
export type TakedownAction =
  | 'NOT_FOUND'
  | 'REJECTED'
  | 'REMOVED';

/** What a bureau must do on a case. */
export type TaskKind =
  | 'EVIDENCE_COLLECTION'
  | 'INVESTIGATE'
  | 'RAID'
  | 'SEIZE'
  | 'TAKEDOWN_REQUEST'
  | 'TEST_BUY';

/** open → done | cancelled; overdue once its due passes. */
export type TaskStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'OPEN'
  | 'OVERDUE';

/** Upstream: production sources (生产源头); downstream: sales network (销售网络). */
export type TraceDirection =
  | 'DOWNSTREAM'
  | 'UPSTREAM';

/** Change a task: `assignee` (its own bureau), `status` DONE with `result` (its own bureau) or CANCELLED with `reason` (the lead or coordinator). */
export type UpdateTaskInput = {
  assignee?: string | null | undefined;
  id: string | number;
  /** The Market inspected (its key, market:<region>/<name>): statistics. */
  market?: string | null | undefined;
  reason?: string | null | undefined;
  result?: string | null | undefined;
  status?: TaskStatus | null | undefined;
};

export type AttentionQueryVariables = Exact<{ [key: string]: never; }>;


export type AttentionQuery = { attention: Array<{ kind: AttentionKind, ref: string, title: string, due: string | null, overdue: boolean, caseId: string | null }> | null, notifications: Array<{ id: string, status: NotificationStatus, message: string, deadline: string | null, overdue: boolean, caseId: string | null, from: { code: string, name: string } | null, clue:
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
     | null, reply: { text: string | null, repliedAt: string | null, onTime: boolean | null } | null }> | null };

export type ReplyMutationVariables = Exact<{
  id: string | number;
  kind: ReplyKind;
  text: string;
}>;


export type ReplyMutation = { replyNotification: { id: string, status: NotificationStatus, reply: { text: string | null, repliedAt: string | null, onTime: boolean | null } | null } | null };

export type AuditEventsQueryVariables = Exact<{
  filter?: AuditEventFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type AuditEventsQuery = { auditEvents: { edges: Array<{ node: { key: string, at: string, actor: string, actorName: string | null, role: string | null, operation: string, reason: string | null, requestId: string | null, detail: string | null, bureau: { name: string } | null, objects: Array<{ key: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type JointCasesQueryVariables = Exact<{
  first: number;
}>;


export type JointCasesQuery = { jointCases: { edges: Array<{ node: { id: string, title: string, status: JointCaseStatus, relation: CaseRelation, major: boolean, supervised: boolean, coordinationLevel: CoordinationLevel | null, jointActionAt: string | null, lead: { code: string, name: string } | null, participants: Array<{ code: string, name: string }>, tasks: { totalCount: number, edges: Array<{ node: { id: string, status: TaskStatus, due: string | null } }> } } }> } | null };

export type JointCaseQueryVariables = Exact<{
  id: string | number;
}>;


export type JointCaseQuery = { jointCase: { id: string, title: string, status: JointCaseStatus, statusReason: string, relation: CaseRelation, major: boolean, supervised: boolean, summary: string, coordinationLevel: CoordinationLevel | null, routingReasons: Array<string>, createdAt: string | null, openedAt: string | null, jointActionAt: string | null, lead: { code: string, name: string } | null, coordinators: Array<{ code: string, name: string }>, participants: Array<{ code: string, name: string }>, tasks: { totalCount: number, edges: Array<{ node: { id: string, kind: TaskKind, title: string, due: string | null, status: TaskStatus, assignee: string, result: string | null, bureau: { code: string, name: string } | null } }> }, comments: Array<{ id: string, author: string, text: string, at: string | null, bureau: { name: string } | null }>, evidenceTransfers: Array<{ id: string, what: string, transferredAt: string | null, from: { name: string } | null, to: { name: string } | null }>, policeTransfers: Array<{ id: string, reference: string, policeUnit: string, offenceLabel: string, transferredAt: string | null }>, supervisions: Array<{ id: string, status: SupervisionStatus, deadline: string | null, requirement: string, supervisor: { name: string } | null }> } | null };

export type AddTaskMutationVariables = Exact<{
  input: AddTaskInput;
}>;


export type AddTaskMutation = { addTask: { id: string, title: string, due: string | null, status: TaskStatus, bureau: { code: string, name: string } | null } | null };

export type AddCommentMutationVariables = Exact<{
  caseId: string | number;
  text: string;
}>;


export type AddCommentMutation = { addComment: { id: string } | null };

export type TransitionCaseMutationVariables = Exact<{
  id: string | number;
  status: JointCaseStatus;
  reason: string;
}>;


export type TransitionCaseMutation = { transitionJointCase: { id: string, status: JointCaseStatus, statusReason: string } | null };

export type UpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type UpdateTaskMutation = { updateTask: { id: string, status: TaskStatus, result: string | null } | null };

export type ProposedCaseFieldsFragment = { level: string, major: boolean, supervise: boolean, reasons: Array<string>, lead: { code: string, fullName: string, bureau: { code: string, name: string } | null }, coordinators: Array<{ code: string, bureau: { code: string, name: string } | null }>, notify: Array<{ code: string, bureau: { code: string, name: string } | null }>, participants: Array<{ roles: Array<string>, region: { code: string, fullName: string } }> };

export type CreatedCaseFieldsFragment = { id: string, title: string, status: JointCaseStatus, routingReasons: Array<string>, lead: { code: string, name: string } | null, participants: Array<{ code: string, name: string }> };

export type EntityDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type EntityDetailQuery = { entity:
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
    | { id: string, kind: string, key: string, caption: string, masked: boolean, firstSeen: string | null, lastSeen: string | null, sightings: number, sources: Array<string>, regions: Array<{ code: string, fullName: string }>, properties: Array<{ name: string, value: unknown }> }
   | null };

export type GraphViewQueryVariables = Exact<{
  id: string | number;
  hops: number;
  types?: Array<RelationshipType> | RelationshipType | null | undefined;
  kinds?: Array<EntityKind> | EntityKind | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type GraphViewQuery = { graphView: { start: string, truncated: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: string, caption: string, masked: boolean, regions: Array<string>, firstSeen: string | null, lastSeen: string | null, sightings: number, hops: number }>, edges: Array<{ source: string, target: string, type: RelationshipType, sightings: number, sourceCount: number | null, firstSeen: string | null, lastSeen: string | null }> } | null };

export type RingGroupsQueryVariables = Exact<{
  first: number;
}>;


export type RingGroupsQuery = { rings: { edges: Array<{ node: { id: string, size: number, members: { edges: Array<{ node:
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
              | { id: string }
             }> } } }> } | null };

export type RingsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type RingsQuery = { rings: { edges: Array<{ node: { id: string, size: number, score: number | null, reason: string | null, platforms: Array<{ name: string, count: number }>, brands: Array<{ name: string, count: number }>, sources: Array<{ role: string }>, proposedCase: { level: string, major: boolean, supervise: boolean, reasons: Array<string>, lead: { code: string, fullName: string, bureau: { code: string, name: string } | null }, coordinators: Array<{ code: string, bureau: { code: string, name: string } | null }>, notify: Array<{ code: string, bureau: { code: string, name: string } | null }>, participants: Array<{ roles: Array<string>, region: { code: string, fullName: string } }> } | null, members: { edges: Array<{ node:
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
              | { id: string, kind: string, caption: string, regions: Array<{ code: string, fullName: string }> }
             }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type CaseFromRingMutationVariables = Exact<{
  ringId: string | number;
  title: string;
}>;


export type CaseFromRingMutation = { createJointCaseFromRing: { id: string, title: string, status: JointCaseStatus, routingReasons: Array<string>, lead: { code: string, name: string } | null, participants: Array<{ code: string, name: string }> } | null };

export type SearchQueryVariables = Exact<{
  text?: string | null | undefined;
  identifier?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type SearchQuery = { search: { edges: Array<{ node:
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
        | { id: string, kind: string, caption: string, masked: boolean, lastSeen: string | null, regions: Array<{ code: string, fullName: string }> }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { sub: string, name: string, role: string, bureau: { code: string, name: string } } };

export type TakedownsQueryVariables = Exact<{ [key: string]: never; }>;


export type TakedownsQuery = { takedownNotices: Array<{ id: string, platform: string, reason: string, issuedAt: string | null, caseId: string | null, from: { name: string } | null, results: Array<{ action: TakedownAction | null, actedAt: string | null, timeToRemovalHours: number | null, listing:
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
        | { id: string, caption: string }
       | null }>, removalTimes: { answered: number, removed: number, medianHours: number | null } | null }> | null, repeatAlerts: Array<{ id: string, newPlatform: string, via: RepeatVia, seenAt: string | null, status: string, newListing:
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
      | { id: string, caption: string }
     | null }> | null };

export type TraceViewQueryVariables = Exact<{
  id: string | number;
  direction: TraceDirection;
}>;


export type TraceViewQuery = { traceView: { direction: TraceDirection, start: string, nodes: Array<{ id: string, kind: string, caption: string, regions: Array<string>, hops: number, firstSeen: string | null, lastSeen: string | null }>, edges: Array<{ source: string, target: string, type: RelationshipType, sightings: number, sourceCount: number | null, firstSeen: string | null, lastSeen: string | null }>, candidates: Array<{ id: string, score: number | null, role: string | null, paths: Array<Array<number>> }> } | null };

export type TraceProposalQueryVariables = Exact<{
  id: string | number;
}>;


export type TraceProposalQuery = { traceProposedCase: { level: string, major: boolean, supervise: boolean, reasons: Array<string>, lead: { code: string, fullName: string, bureau: { code: string, name: string } | null }, coordinators: Array<{ code: string, bureau: { code: string, name: string } | null }>, notify: Array<{ code: string, bureau: { code: string, name: string } | null }>, participants: Array<{ roles: Array<string>, region: { code: string, fullName: string } }> } | null };

export type CaseFromTraceMutationVariables = Exact<{
  id: string | number;
  title: string;
}>;


export type CaseFromTraceMutation = { createJointCaseFromTrace: { id: string, title: string, status: JointCaseStatus, routingReasons: Array<string>, lead: { code: string, name: string } | null, participants: Array<{ code: string, name: string }> } | null };

export type UnmaskMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type UnmaskMutation = { unmask: { key: string, caption: string, auditEvent: string, properties: Array<{ name: string, value: unknown }> } | null };

export const ProposedCaseFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProposedJointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"supervise"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coordinators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notify"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]} as unknown as DocumentNode<ProposedCaseFieldsFragment, unknown>;
export const CreatedCaseFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CreatedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"routingReasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreatedCaseFieldsFragment, unknown>;
export const AttentionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Attention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ref"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"RECEIVED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"onTime"}}]}}]}}]}}]} as unknown as DocumentNode<AttentionQuery, AttentionQueryVariables>;
export const ReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Reply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"repliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"onTime"}}]}}]}}]}}]} as unknown as DocumentNode<ReplyMutation, ReplyMutationVariables>;
export const AuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const JointCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JointCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"relation"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"supervised"}},{"kind":"Field","name":{"kind":"Name","value":"coordinationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"jointActionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"due"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JointCasesQuery, JointCasesQueryVariables>;
export const JointCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JointCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"relation"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"supervised"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"coordinationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"routingReasons"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"jointActionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coordinators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidenceTransfers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"what"}},{"kind":"Field","name":{"kind":"Name","value":"transferredAt"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"policeTransfers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"policeUnit"}},{"kind":"Field","name":{"kind":"Name","value":"offenceLabel"}},{"kind":"Field","name":{"kind":"Name","value":"transferredAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supervisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"supervisor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<JointCaseQuery, JointCaseQueryVariables>;
export const AddTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AddTaskMutation, AddTaskMutationVariables>;
export const AddCommentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const TransitionCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransitionCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JointCaseStatus"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transitionJointCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]}}]} as unknown as DocumentNode<TransitionCaseMutation, TransitionCaseMutationVariables>;
export const UpdateTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const EntityDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EntityDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<EntityDetailQuery, EntityDetailQueryVariables>;
export const GraphViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GraphView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hops"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RelationshipType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EntityKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"graphView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"hops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hops"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"}},{"kind":"Field","name":{"kind":"Name","value":"hops"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"}},{"kind":"Field","name":{"kind":"Name","value":"sourceCount"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}}]}}]}}]}}]} as unknown as DocumentNode<GraphViewQuery, GraphViewQueryVariables>;
export const RingGroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RingGroups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RingGroupsQuery, RingGroupsQueryVariables>;
export const RingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Rings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"platforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"brands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposedCase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposedCaseFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProposedJointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"supervise"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coordinators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notify"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]} as unknown as DocumentNode<RingsQuery, RingsQueryVariables>;
export const CaseFromRingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CaseFromRing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ringId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"title"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createJointCaseFromRing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ringId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ringId"}}},{"kind":"Argument","name":{"kind":"Name","value":"title"},"value":{"kind":"Variable","name":{"kind":"Name","value":"title"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CreatedCaseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CreatedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"routingReasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CaseFromRingMutation, CaseFromRingMutationVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"identifier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"identifier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"identifier"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sub"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const TakedownsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Takedowns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"takedownNotices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actedAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeToRemovalHours"}},{"kind":"Field","name":{"kind":"Name","value":"listing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"removalTimes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answered"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"medianHours"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"repeatAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"newPlatform"}},{"kind":"Field","name":{"kind":"Name","value":"via"}},{"kind":"Field","name":{"kind":"Name","value":"seenAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"newListing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}}]}}]}}]}}]} as unknown as DocumentNode<TakedownsQuery, TakedownsQueryVariables>;
export const TraceViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TraceView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"direction"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TraceDirection"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"traceView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"direction"},"value":{"kind":"Variable","name":{"kind":"Name","value":"direction"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}},{"kind":"Field","name":{"kind":"Name","value":"hops"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"sightings"}},{"kind":"Field","name":{"kind":"Name","value":"sourceCount"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"paths"}}]}}]}}]}}]} as unknown as DocumentNode<TraceViewQuery, TraceViewQueryVariables>;
export const TraceProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TraceProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"traceProposedCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposedCaseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProposedJointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"supervise"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coordinators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notify"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"bureau"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]} as unknown as DocumentNode<TraceProposalQuery, TraceProposalQueryVariables>;
export const CaseFromTraceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CaseFromTrace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"title"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createJointCaseFromTrace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"title"},"value":{"kind":"Variable","name":{"kind":"Name","value":"title"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CreatedCaseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CreatedCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JointCase"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"routingReasons"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CaseFromTraceMutation, CaseFromTraceMutationVariables>;
export const UnmaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Unmask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unmask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"auditEvent"}},{"kind":"Field","name":{"kind":"Name","value":"properties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<UnmaskMutation, UnmaskMutationVariables>;