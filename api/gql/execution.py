"""Lists of plain objects completed in one pass, without per-field execution.

graphql-core completes every field of every list item on its own: a path, a resolve
info, the resolver wrapper, a completion call per level. For a picture of 500 nodes and
1,500 edges (``graphView``) or a 500-node ``neighbourhood`` that is thousands of fields
and most of the request. But those items are plain objects: every field they are asked
for is an attribute (strawberry's *basic* fields: no resolver, no arguments, no
permission or extension) holding a scalar, an enum, a list of them, or another such
object. :class:`FastListsExecutionContext` completes such a list directly, item by item:
read the attribute, coerce the leaf with the type's own ``coerce_output_value``, build
the dict.

It decides per list field, once, from the query: a list whose selection asks for
anything else (a field with a resolver or arguments, a directive other than
``@include``/``@skip``, a deferred fragment) goes the ordinary way, and so does the
whole list whenever a value does not complete cleanly here (a null in a non-null
field, a value the scalar refuses, an abstract type it cannot place): graphql-core then
completes it again and reports the error with its path exactly as before. Reading an
attribute has no side effects, so completing twice only costs time, and only then. With
schema extensions that wrap resolvers (tracing's ``resolve`` hook) nothing is taken
this way: every field must pass through them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from operator import attrgetter
from typing import Any

from graphql import (
    FieldNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    is_abstract_type,
    is_leaf_type,
    is_object_type,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

_PLAIN_DIRECTIVES = frozenset({"include", "skip"})  # settled when fields are collected
_TYPENAME = "__typename"


class _Slow(Exception):
    """This value cannot be completed here; graphql-core completes the list instead."""


# Completes one value (with the resolve info of the list field), or raises _Slow.
Completer = Callable[[Any, GraphQLResolveInfo], Any]


class FastListsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with lists of plain objects completed directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._fast = not (manager and manager.middlewares)
        # (type, id of the field details list) -> its completer, or None where some
        # field is not plain; each list is kept alive with it (so its id stays unique).
        self._completers: dict[tuple[int, int], tuple[Any, Completer | None]] = {}

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: Any,
        info: GraphQLResolveInfo,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        if self._fast and type(result) in (list, tuple):
            complete = self._completer(return_type, field_details_list)
            if complete is not None and self.get_stream_usage(field_details_list, path) is None:
                try:
                    return complete(result, info)
                except _Slow:
                    pass
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _completer(self, type_: GraphQLOutputType, field_details_list: Any) -> Completer | None:
        """How to complete values of ``type_`` here (made once per query position)."""
        key = (id(type_), id(field_details_list))
        found = self._completers.get(key)
        if found is None:
            found = self._completers[key] = (
                (type_, field_details_list),
                self._make_completer(type_, field_details_list),
            )
        return found[1]

    def _make_completer(
        self, type_: GraphQLOutputType, field_details_list: Any
    ) -> Completer | None:
        if isinstance(type_, GraphQLNonNull):
            inner = self._completer(type_.of_type, field_details_list)
            if inner is None:
                return None

            def non_null(value: Any, info: GraphQLResolveInfo) -> Any:
                completed = inner(value, info)
                if completed is None:
                    raise _Slow  # graphql-core reports the null where it may not be
                return completed

            return non_null
        if isinstance(type_, GraphQLList):
            item = self._completer(type_.of_type, field_details_list)
            if item is None:
                return None

            def listed(value: Any, info: GraphQLResolveInfo) -> Any:
                if value is None:
                    return None
                if type(value) not in (list, tuple):
                    raise _Slow
                return [item(v, info) for v in value]

            return listed
        if is_leaf_type(type_):
            return _leaf(type_)  # type: ignore[arg-type]
        if is_abstract_type(type_):
            abstract: GraphQLAbstractType = type_  # type: ignore[assignment]

            def placed(value: Any, info: GraphQLResolveInfo) -> Any:
                if value is None:
                    return None
                runtime = self._runtime_type(abstract, info, value)
                complete = self._completer(runtime, field_details_list)
                if complete is None:
                    raise _Slow
                return complete(value, info)

            return placed
        if is_object_type(type_):
            return self._object(type_, field_details_list)  # type: ignore[arg-type]
        return None

    def _object(self, object_type: GraphQLObjectType, field_details_list: Any) -> Completer | None:
        grouped, new_defer_usages, *_ = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages:
            return None
        fields: list[tuple[str, Callable[[Any], Any] | None, Completer | None]] = []
        for response_name, sub_fields in grouped.items():
            nodes: list[FieldNode] = [details.node for details in sub_fields]
            if any(
                d.name.value not in _PLAIN_DIRECTIVES
                for node in nodes
                for d in node.directives or ()
            ):
                return None
            field_name = nodes[0].name.value
            if field_name == _TYPENAME:
                fields.append((response_name, None, None))
                continue
            field_def = self.schema.get_field(object_type, field_name)
            if field_def is None or field_def.args or any(node.arguments for node in nodes):
                return None
            resolve = field_def.resolve
            if resolve is None or not getattr(resolve, "_is_default", False):
                return None  # a resolver, a permission or an extension: the ordinary way
            complete = self._completer(field_def.type, sub_fields)
            if complete is None:
                return None
            fields.append((response_name, _reader(field_def), complete))
        is_type_of = object_type.is_type_of
        typename = object_type.name

        def completed(value: Any, info: GraphQLResolveInfo) -> Any:
            if value is None:
                return None
            if is_type_of is not None and is_type_of(value, info) is not True:
                raise _Slow  # not of this type, or a check that must be awaited
            out = {}
            for name, read, complete in fields:
                out[name] = typename if read is None else complete(read(value), info)  # type: ignore[misc]
            return out

        return completed

    def _runtime_type(
        self, abstract: GraphQLAbstractType, info: Any, value: Any
    ) -> GraphQLObjectType:
        resolve_type = abstract.resolve_type or self.type_resolver
        name = resolve_type(value, info, abstract)
        if not isinstance(name, str):
            raise _Slow  # awaitable or invalid: the ordinary path says what is wrong
        runtime = self.schema.get_type(name)
        if not is_object_type(runtime) or not self.schema.is_sub_type(abstract, runtime):  # type: ignore[arg-type]
            raise _Slow
        return runtime  # type: ignore[return-value]


def _leaf(type_: GraphQLScalarType | GraphQLEnumType) -> Completer:
    """A scalar or enum value coerced by the type itself; an enum's answers are kept
    (strawberry's enum coercion looks through every value of the enum)."""
    coerce = type_.coerce_output_value

    def leaf(value: Any, _info: GraphQLResolveInfo) -> Any:
        if value is None:
            return None
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise _Slow
        return coerced

    if not isinstance(type_, GraphQLEnumType):
        return leaf
    known: dict[Any, Any] = {}

    def enum_leaf(value: Any, info: GraphQLResolveInfo) -> Any:
        if isinstance(value, Enum):  # hashable, and always coerced the same way
            found = known.get(value)
            if found is None:
                found = known[value] = leaf(value, info)
            return found
        return leaf(value, info)

    return enum_leaf


def _reader(field_def: GraphQLField) -> Callable[[Any], Any]:
    """How strawberry's basic resolver reads the field: ``getattr`` of its Python name
    (unless the schema's config changed the default resolver: then that resolver)."""
    field = field_def.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if isinstance(field, StrawberryField) and field.default_resolver is getattr:
        return attrgetter(field.python_name)
    resolve = field_def.resolve
    return lambda source: resolve(source, None)  # type: ignore[misc]
