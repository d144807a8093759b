"""The GraphQL schema (strawberry, code first), one module per concern.

``types`` (entities, regions, bureaus, connections), ``loaders`` (per-request
DataLoaders), ``permissions`` (roles, scope, page caps), and one module per domain with
its query and mutation fields: ``graph`` (entity, search, neighbourhood, unmask),
``analysis`` (traceSources, salesNetwork, rings), ``people`` (me, bureaus, liaisons),
``audit`` (auditEvents). ``schema`` merges them and adds the limits.
"""
