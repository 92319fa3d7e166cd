"""One pint unit registry for the whole package (building it takes seconds, so it is built once,
on first use) and conversion of a quantity into a fact's unit.

`convert(150, "pound", "kg")` -> 68.0388555; `UnitError` for an unknown unit or one of another
dimension ("pound" to "cm").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


class UnitError(ValueError):
    """The unit is unknown to pint, or cannot be converted into the wanted one."""


@lru_cache(maxsize=1)
def registry() -> Any:
    """The shared pint `UnitRegistry` (imported and built on first use)."""
    import pint

    return pint.UnitRegistry()


def convert(value: float, unit: str, wanted: str) -> float:
    """`value unit` in `wanted` ("%" is pint's "percent"); UnitError when it cannot be."""
    import pint

    given = "percent" if unit == "%" else unit
    target = "percent" if wanted == "%" else wanted
    try:
        quantity = registry().Quantity(value, given)
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError):
        raise UnitError(f"unknown unit {unit!r}") from None
    try:
        return float(quantity.to(target).magnitude)
    except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError):
        raise UnitError(f"{unit!r} cannot be given in {wanted!r}") from None
