"""The base of every section of a rules file: strict keys, values that never change."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from ..messages import msg
from ..values import parse_decimal, parse_ident

Ident = Annotated[str, BeforeValidator(parse_ident)]


class Strict(BaseModel):
    """A section of a rules file: an unknown key is an error, and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(Strict):
    zh: str | None = None
    en: str | None = None


class Word(Strict):
    """What a vocabulary entry may be called besides its key: labels and aliases."""

    label: Label = Label()
    aliases: list[str] = []


def parse_growth(value: Any) -> Decimal:
    """A yearly change: any number above -1 (-100 %)."""
    number = parse_decimal(value)
    if number <= -1:
        raise ValueError(msg("rules.growth_too_low", value=value))
    return number
