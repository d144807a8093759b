"""One schema from the domain modules, with the limits and caches of the issue.

The schema's *shape* never depends on settings (so ``schema.graphql`` is one file); the
mode only changes extensions and config: production turns off introspection and all
suggestions (fields, arguments, enum values: ``suggestions``). Limits: depth, tokens,
aliases (validation, before anything runs), page caps in the resolvers, body size in
the HTTP layer. MaskErrors hides internal errors and keeps what people can act on:
parse/validation errors and :class:`ApiError`.
"""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from graphql import FieldNode, GraphQLError, IntValueNode, ValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from cluehub.api.errors import ApiError
from cluehub.settings import Settings

from .analysis import AnalysisQuery
from .audit import AuditQuery
from .authentication import AuthenticationMutation, AuthenticationQuery
from .cases import MUTATIONS as CASES_MUTATIONS
from .cases import QUERIES as CASES_QUERIES
from .compact import CompactQuery
from .credit import CreditMutation, CreditQuery
from .execution import FastListsExecutionContext
from .graph import GraphMutation, GraphQuery
from .markets import MarketsMutation, MarketsQuery
from .people import PeopleMutation, PeopleQuery
from .rights import RightsMutation, RightsQuery
from .suggestions import HideSuggestions
from .types import ENTITY_TYPES

log = logging.getLogger("cluehub.api.graphql")
NODE_CAPPED = frozenset({"neighbourhood", "graphView"})  # fields paged by the node cap
MASKED_MESSAGE = "internal error; quote the request id (X-Request-ID) when you report it"

Query = merge_types(
    "Query",
    (
        GraphQuery,
        AnalysisQuery,
        PeopleQuery,
        AuditQuery,
        *CASES_QUERIES,
        CompactQuery,
        RightsQuery,
        AuthenticationQuery,
        CreditQuery,
        MarketsQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        GraphMutation,
        PeopleMutation,
        *CASES_MUTATIONS,
        RightsMutation,
        AuthenticationMutation,
        CreditMutation,
        MarketsMutation,
    ),
)


def should_mask(error: GraphQLError) -> bool:
    """Keep syntax, validation and our own errors; mask anything unexpected."""
    original = error.original_error
    if original is None:
        return False  # parse and validation errors, limits, variable coercion
    if isinstance(original, ApiError):
        return False
    return not isinstance(original, GraphQLError)


class HubSchema(strawberry.Schema):
    """Logs what people did wrong briefly, and internal errors with their traceback."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if should_mask(error):
                log.error(
                    "internal error in a resolver: %s (path %s)",
                    error.message,
                    error.path,
                    exc_info=error.original_error,
                )
            else:
                log.info("request refused: %s (path %s)", error.message, error.path)


def page_size_rule(page_cap: int, neighbourhood_cap: int) -> type[ValidationRule]:
    """Refuse literal page sizes over the caps at validation, so they are request errors
    (400) like the other limits; sizes given in variables are checked by the resolvers."""

    class PageSizeRule(ValidationRule):
        def enter_field(self, node: FieldNode, *_: Any) -> None:
            cap = neighbourhood_cap if node.name.value in NODE_CAPPED else page_cap
            for argument in node.arguments or ():
                if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
                    literal = argument.value.value
                    value = int(literal) if len(literal) <= 12 else cap + 1  # no int('9'*5000)
                    if not 1 <= value <= cap:
                        self.report_error(
                            GraphQLError(
                                f"{node.name.value}: first must be between 1 and {cap}, got "
                                f"{literal[:20]}: ask for smaller pages and follow "
                                "pageInfo.endCursor with `after`",
                                argument,
                            )
                        )

    return PageSizeRule


def _shape() -> strawberry.Schema:
    return HubSchema(query=Query, mutation=Mutation, types=list(ENTITY_TYPES.values()))


def export_sdl() -> str:
    """The schema in SDL, as committed in ``schema.graphql`` (``cluehub schema``)."""
    return str(_shape()) + "\n"


def _tracing() -> list[type[SchemaExtension]]:
    try:
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError:  # opentelemetry is optional
        log.warning("CLUEHUB_OTEL is set but opentelemetry is not installed; no tracing")
        return []
    return [OpenTelemetryExtension]


def build_schema(settings: Settings) -> strawberry.Schema:
    production = settings.mode == "production"
    cap = settings.graphql_page_cap
    extensions: list[Any] = [
        MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        ParserCache(maxsize=256),
        QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        AddValidationRules([page_size_rule(cap, settings.graphql_neighbourhood_cap)]),
        ValidationCache(maxsize=256),
        MaskErrors(should_mask_error=should_mask, error_message=MASKED_MESSAGE),
    ]
    if production:
        extensions[:0] = [HideSuggestions, DisableIntrospection()]
    if settings.otel:
        extensions.extend(_tracing())
    return HubSchema(
        query=Query,
        mutation=Mutation,
        types=list(ENTITY_TYPES.values()),
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
        execution_context_class=FastListsExecutionContext,
    )
