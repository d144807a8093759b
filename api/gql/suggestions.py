"""Production mode hides graphql-core's suggestions ("Did you mean 'text'?").

Strawberry's ``disable_field_suggestions`` covers unknown fields only; argument names,
enum values, type names and input fields still suggest what exists, which helps someone
mapping a schema whose introspection is off. :class:`HideSuggestions` strips the
suggestion from every error of an operation before the response is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def without_suggestion(message: str) -> str:
    return SUGGESTION.sub("", message)


class HideSuggestions(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        errors: list[GraphQLError] = list(context.pre_execution_errors or [])
        if context.result is not None and context.result.errors:
            errors.extend(context.result.errors)
        for error in errors:
            error.message = without_suggestion(error.message)
