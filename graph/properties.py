"""Property types: what a node property holds, how its value is checked, shown and masked.

FollowTheMoney's second idea beside identifier types: every property of every node kind
has a *type*, and the type, not the property's name, decides what a value may be and what
a viewer without need sees of it. ``model.NodeKind.props`` declares each kind's
properties with one of the types below and its flags (``pii``, ``caption``,
``matchable``); the store refuses values of the wrong type, masking calls
``TYPE.mask(value)`` for every ``pii`` property, and the GraphQL entity types map each
type to one scalar.

Only the text types can be masked (a masked value is text: ``张*``, ``福建省莆田市荔城区****``,
``[masked: 18 characters]``), so only they may hold personal data; the model checks that
at import.
"""

from __future__ import annotations

from typing import Any, ClassVar

from . import identifiers as ids


class PropertyType:
    """Base: ``accepts`` lists the Python types a value may have; ``maskable`` says the
    type is text with a masked form (and so may carry personal data)."""

    name: ClassVar[str]
    description: ClassVar[str]
    accepts: ClassVar[tuple[type, ...]] = (str,)
    maskable: ClassVar[bool] = False

    def check(self, value: Any) -> bool:
        """Whether ``value`` is one value of this type (``bool`` is not a number)."""
        if isinstance(value, bool) and bool not in self.accepts:
            return False
        return isinstance(value, self.accepts)

    def mask(self, value: Any) -> str:
        """What a viewer without need sees; types that hold no text never hold personal
        data (the model refuses ``pii`` on them), so this is only a safe default."""
        return "***"

    def caption(self, value: Any) -> str:
        """The value as a short label for people."""
        return str(value)

    def __repr__(self) -> str:
        return f"<property type {self.name}>"


class StringType(PropertyType):
    name = "string"
    description = "A short plain value: a title, a code, a number written as text."
    maskable = True


class NameType(PropertyType):
    name = "name"
    description = "A person's or an organisation's name; masked to its first character."
    maskable = True

    def mask(self, value: Any) -> str:
        return ids.mask_name(str(value))


class AddressTextType(PropertyType):
    name = "address"
    description = "A postal address as written; masked to its district."
    maskable = True

    def mask(self, value: Any) -> str:
        return ids.ADDRESS.mask(str(value))


class TextType(PropertyType):
    name = "text"
    description = "Free text (a complaint's body): it can hold anything; masked to its length."
    maskable = True

    def mask(self, value: Any) -> str:
        return f"[masked: {len(str(value))} characters]"


class NumberType(PropertyType):
    name = "number"
    description = "A decimal number (a price, a weight)."
    accepts = (int, float)


class IntegerType(PropertyType):
    name = "integer"
    description = "A whole number (a count)."
    accepts = (int,)


class TimeType(PropertyType):
    name = "time"
    description = "A moment, as epoch milliseconds."
    accepts = (int,)


class FlagType(PropertyType):
    name = "flag"
    description = "True or false."
    accepts = (bool,)


STRING = StringType()
NAME = NameType()
ADDRESS = AddressTextType()
TEXT = TextType()
NUMBER = NumberType()
INTEGER = IntegerType()
TIME = TimeType()
FLAG = FlagType()

ALL_TYPES: tuple[PropertyType, ...] = (STRING, NAME, ADDRESS, TEXT, NUMBER, INTEGER, TIME, FLAG)
