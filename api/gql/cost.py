"""The static cost of a GraphQL request, estimated before anything runs (pure).

Depth, token, alias and page limits bound each dimension; cost bounds their product,
which is what made ``10 aliases × neighbours(first:100)`` three levels deep take 15 s.
Each object field costs its weight (1, more for fields that run an analysis) plus its
fan-out times the cost of what is selected under it; the fan-out of a field with a
``first`` argument is that page size (the literal, the variable's value, or the
argument's default), 1 otherwise. So ``neighbours(first: 100) { edges { node {
neighbours(first: 100) { … } } } }`` costs about 100 × 100.

A request over its role's budget (:data:`ROLE_BUDGET`) is refused before execution
with the cost, the budget and the excess. Requests of at least :data:`HEAVY` run in the
bounded heavy lane and count against the per-user rate limit of heavy requests (see
``api.graphql_http``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

ROLE_BUDGET: dict[str, int] = {
    "investigator": 100_000,  # ~38 aliases × neighbours(first: 50) two levels deep
    "coordinator": 100_000,
    "supervisor": 200_000,
    "admin": 400_000,
}
DEFAULT_BUDGET = 100_000
HEAVY = 2_000
# Fields that run an analysis or a multi-hop walk per call, not a single lookup.
FIELD_WEIGHT: dict[str, int] = {
    "neighbourhood": 10,
    "shortestPath": 10,
    "traceSources": 50,
    "salesNetwork": 50,
    "rings": 50,
    "routingPreview": 5,
    "keyMarkets": 20,
}


@dataclass(frozen=True, slots=True)
class Cost:
    total: int
    heaviest: str  # the path of the most expensive top-level field, for the message
    depth: int = 0  # deepest field nesting, and aliases used: when these are over their
    aliases: int = 0  # own limits, validation's refusal names the limit better

    def refusal(self, role: str, budget: int) -> str:
        return (
            f"query cost limit: this request costs {self.total:,} and the {role} budget is "
            f"{budget:,} (over by {self.total - budget:,}; most of it in {self.heaviest}). "
            "Cost is fan-out × page size per level: ask for smaller pages (`first`), fewer "
            "nested levels or fewer aliases, and follow pageInfo.endCursor with `after`"
        )


def budget_of(role: str) -> int:
    return ROLE_BUDGET.get(role, DEFAULT_BUDGET)


def _fan_out(node: FieldNode, field_def: Any, variables: Mapping[str, Any], cap: int) -> int:
    argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
    value: Any = None
    if argument is not None:
        if isinstance(argument.value, IntValueNode) and len(argument.value.value) <= 9:
            value = int(argument.value.value)
        elif isinstance(argument.value, VariableNode):
            value = variables.get(argument.value.name.value)
    elif field_def is not None and "first" in field_def.args:
        value = field_def.args["first"].default_value
    # Sizes outside 1..cap are refused by validation or the resolver, with their reason.
    return min(value, cap) if isinstance(value, int) and value > 0 else 1


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: Any,
        caps: tuple[int, int],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables if isinstance(variables, Mapping) else {}
        self.page_cap, self.neighbourhood_cap = caps
        self.depth = 0
        self.aliases = 0

    def selection(
        self, selections: SelectionSetNode | None, parent: Any, seen: frozenset[str], depth: int = 0
    ) -> tuple[int, str]:
        total, heaviest, most = 0, "", -1
        self.depth = max(self.depth, depth)
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                self.aliases += node.alias is not None
                cost = self.field(node, parent, seen, depth + 1)
                name = (node.alias or node.name).value
            elif isinstance(node, InlineFragmentNode):
                inner = parent
                if node.type_condition is not None:
                    inner = self.schema.get_type(node.type_condition.name.value) or parent
                cost, name = self.selection(node.selection_set, inner, seen, depth)
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments.get(node.name.value)
                if fragment is None or node.name.value in seen:
                    continue  # invalid documents are validation's to refuse
                inner = self.schema.get_type(fragment.type_condition.name.value) or parent
                cost, name = self.selection(fragment.selection_set, inner, seen | {node.name.value})
            else:
                continue
            total += cost
            if cost > most:
                most, heaviest = cost, name
        return total, heaviest

    def field(self, node: FieldNode, parent: Any, seen: frozenset[str], depth: int) -> int:
        if node.selection_set is None:
            return 0  # scalars and enums come with their object
        fields = getattr(parent, "fields", None) or {}  # objects and interfaces
        field_def = fields.get(node.name.value)
        child = get_named_type(field_def.type) if field_def is not None else None
        inner, _ = self.selection(node.selection_set, child, seen, depth)
        weight = FIELD_WEIGHT.get(node.name.value, 1)
        cap = self.neighbourhood_cap if node.name.value == "neighbourhood" else self.page_cap
        return weight + _fan_out(node, field_def, self.variables, cap) * inner


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    *,
    page_cap: int = 100,
    neighbourhood_cap: int = 500,
) -> Cost:
    """The cost of the operation that would run (the named one, else the only one)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return Cost(0, "")  # nothing or ambiguous: execution refuses it with the reason
    operation = operations[0]
    root = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }[operation.operation.value]
    estimator = _Estimator(schema, fragments, variables, (page_cap, neighbourhood_cap))
    total, heaviest = estimator.selection(operation.selection_set, root, frozenset())
    return Cost(total, heaviest, estimator.depth, estimator.aliases)
