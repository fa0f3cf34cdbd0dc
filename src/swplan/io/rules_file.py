"""The rules file: strict YAML, `extends` a built-in rule set, every problem at its line.

`load_rules(path)` returns a `Rules` or raises `InputError` listing every problem,
each at the file, line and key where it is.
"""

from __future__ import annotations

import os
from importlib import resources
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import InputError, Problem
from ..messages import Msg, Text, msg
from ..rules import Rules, RulesInconsistent, drop_replaced_bonus
from ..rules.problems import closest, error_message, listing, not_one_of
from .text import read_text
from .yamldoc import Document, Path_, format_path, parse_yaml

# --------------------------------------------------------------------------- loading

BUILTIN = (
    "national",
    "national-v1",
    "xiamen-xiangan-2013",
    "beijing-2025",
    "changzhou-2011",
    "shaanxi-2015",
)


def builtin_document(name: str = "national") -> Document:
    text = resources.files("swplan.configs").joinpath(f"{name}.yaml").read_text("utf-8")
    return parse_yaml(f"<built-in {name}>", text)


def builtin_data(name: str, seen: tuple[str, ...] = ()) -> Any:
    """A built-in rule set as plain data, after its own `extends` (a preset may build
    on the national default)."""
    data = builtin_document(name).data
    base = data.get("extends") if isinstance(data, dict) else None
    if base in BUILTIN and base not in seen:
        rest = {k: v for k, v in data.items() if k != "extends"}
        return merge(builtin_data(base, (*seen, name)), rest)
    return data


# Vocabularies whose entries may be a number or a long form {points|amount: N, label, aliases}
_NUMBER_WORDS = {
    ("pay", "points", "education"): "points",
    ("pay", "points", "title"): "points",
    ("pay", "points", "performance"): "points",
    ("awards", "exams"): "amount",
}
_RANKED = ("pay", "points", "performance")  # ratings rank in the order the last file lists


def merge(base: Any, override: Any, path: tuple[Any, ...] = ()) -> Any:
    """A mapping merges key by key; anything else replaces.

    Two refinements keep words intact: a short form (`bachelor: 3`) over a long form
    changes only the number, keeping the labels and aliases; and the ratings keep the
    order of the file that lists them last (a rating only the base lists stays just
    after the rating it follows there). And the two forms of the performance bonus
    replace each other (see `swplan.rules.merge`).
    """
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value, (*path, key)) if key in base else value
        if path == _RANKED:
            out = {key: out[key] for key in _ranked_order(list(base), list(override))}
        if path == ("pay",):
            drop_replaced_bonus(out, override)
        return out
    number_key = _NUMBER_WORDS.get(path[:-1])
    if number_key and isinstance(base, dict) and not isinstance(override, dict | list):
        return {**base, number_key: override}
    return override


def _ranked_order(base: list[Any], override: list[Any]) -> list[Any]:
    """The override's order, each key only the base has placed after its predecessor there."""
    order = list(override)
    for i, key in enumerate(base):
        if key in override:
            continue
        before = next((k for k in reversed(base[:i]) if k in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, key)
    return order


def load_rules(path: str | os.PathLike[str] | None = None) -> Rules:
    """The rules in `path`, or the built-in national default when `path` is None."""
    doc = builtin_document() if path is None else _load_document(path)
    return rules_from_document(doc)


def load_builtin(name: str) -> Rules:
    """A rule set shipped with swplan, by the name `extends:` gives it."""
    return rules_from_document(builtin_document(name))


def _load_document(path: str | os.PathLike[str]) -> Document:
    return parse_yaml(str(path), read_text(path))


class Located:
    """The problems of a document, each at its file, position and key path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data = doc.data

    def problem(self, path: Path_, message: Text, *, key: bool = False) -> Problem:
        path = tuple(path)
        return Problem(self.doc.file, self.doc.where(path, key=key), format_path(path), message)


def rules_from_document(doc: Document) -> Rules:
    at = Located(doc)
    data = doc.data
    if not isinstance(data, dict):
        raise InputError([at.problem((), msg("rules.file_not_a_mapping"))])
    own_site_kinds = "site_kinds" in data and not doc.file.startswith("<built-in ")
    if "extends" in data:
        base = data["extends"]
        if base not in BUILTIN:
            raise InputError([at.problem(("extends",), not_one_of(base, BUILTIN))])
        data = merge(builtin_data(base), {k: v for k, v in data.items() if k != "extends"})
    try:
        rules = Rules.model_validate(data).with_own_site_kinds(own_site_kinds).with_source(doc.file)
    except RulesInconsistent as exc:
        raise InputError([at.problem(path, message) for path, message in exc.found]) from None
    except ValidationError as exc:
        raise InputError(_invalid(at, data, exc)) from None
    if own_site_kinds:
        problems = [
            at.problem(("staffing", minimum, kind), not_one_of(kind, rules.site_kinds), key=True)
            for minimum in ("minimum_posts", "minimum_certified")
            for kind in getattr(rules.staffing, minimum)
            if kind not in rules.site_kinds
        ]
        if problems:
            raise InputError(problems)
    return rules


def _invalid(at: Located, data: dict[str, Any], exc: ValidationError) -> list[Problem]:
    """The problems of rules pydantic refused; when all are unknown keys, the rest is
    still checked without them, so that every problem is reported in one run."""
    problems = pydantic_problems(at, exc, Rules)
    unknown = [tuple(e["loc"]) for e in exc.errors() if e["type"] == "extra_forbidden"]
    if len(unknown) == len(exc.errors()):
        try:
            Rules.model_validate(_without(data, unknown))
        except RulesInconsistent as inconsistent:
            problems += [at.problem(p, m) for p, m in inconsistent.found]
        except ValidationError:
            pass
    return problems


def _without(data: Any, paths: list[tuple[Any, ...]]) -> Any:
    """`data` with the keys at `paths` left out (copies only what it changes)."""
    out = dict(data)
    for path in paths:
        node: Any = out
        for part in path[:-1]:
            child = node[part]
            node[part] = child = list(child) if isinstance(child, list) else dict(child)
            node = child
        node.pop(path[-1], None)
    return out


def pydantic_problems(
    doc: Document | Located, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """One problem for each of pydantic's errors, in swplan's words where it has them."""
    at = doc if isinstance(doc, Located) else Located(doc)
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            problems.append(at.problem(loc, _unknown_key(model, loc), key=True))
        else:
            problems.append(at.problem(loc, _reworded(at, err, model)))
    return problems


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...]) -> Msg:
    allowed = _allowed_keys(model, loc[:-1])
    if len(loc) == 1:
        allowed.insert(0, "extends")
    return msg(
        "rules.key_not_allowed",
        key=loc[-1],
        allowed=listing(allowed),
        hint=closest(loc[-1], allowed),
    )


def _reworded(at: Located, err: ErrorDetails, model: type[BaseModel]) -> Text:
    """pydantic's message of an error, said as swplan says it where it does."""
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "missing":
        if len(loc) == 1 and isinstance(at.data, dict) and "extends" not in at.data:
            return msg("rules.key_missing_extends")
        return msg("rules.key_missing")
    if kind == "literal_error":
        values = ", ".join(str(a) for a in _literal_values(model, loc))
        return msg("rules.not_one_of", value=err["input"], allowed=values, hint="")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if err["input"] is None:  # `pay:` with nothing under it
            return msg("rules.nothing_under")
        return msg("rules.not_a_mapping", value=_show(err["input"]))
    if kind == "list_type":
        return msg("rules.not_a_list", value=_show(err["input"]))
    if kind == "string_type":
        return msg("rules.not_text", value=_show(err["input"]))
    if kind == "too_short":
        return msg("rules.must_not_be_empty")
    return error_message(err)


def _show(value: Any) -> Msg | str:
    if isinstance(value, dict):
        return msg("rules.a_mapping")
    if isinstance(value, list):
        return msg("rules.a_list")
    return repr(value)


def _field_type(model: Any, loc: tuple[Any, ...]) -> Any:
    """The annotation found by following `loc` through models, dicts and lists."""
    current: Any = model
    for part in loc:
        while get_origin(current) is Annotated:
            current = get_args(current)[0]
        origin = get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif origin in (dict,):
            current = get_args(current)[1]
        elif origin in (list,):
            current = get_args(current)[0]
        else:
            args = [a for a in get_args(current) if a is not type(None)]
            if len(args) == 1:
                current = args[0]
                # re-enter with the same part
                return _field_type(current, (part, *loc[loc.index(part) + 1 :]))
            return None
    while get_origin(current) is Annotated:
        current = get_args(current)[0]
    args = [a for a in get_args(current) if a is not type(None)]
    if (
        get_origin(current) is not None
        and len(args) == 1
        and get_origin(current) not in (dict, list)
    ):
        current = args[0]
    return current


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    target = _field_type(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _literal_values(model: type[BaseModel], loc: tuple[Any, ...]) -> list[Any]:
    target = _field_type(model, loc)
    return list(get_args(target)) if target is not None else []
