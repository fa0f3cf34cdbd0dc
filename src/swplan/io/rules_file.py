"""The rules file: strict YAML, `extends` a built-in rule set, every problem at its line.

`load_rules(path)` returns a `Rules` or raises `InputError` listing every problem,
each at the file, line and key where it is.
"""

from __future__ import annotations

import os
from importlib import resources
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem, one_of
from ..rules import Rules, RulesInconsistent, drop_replaced_bonus
from .loading import Document, parse_yaml, read_text

# --------------------------------------------------------------------------- loading

BUILTIN = ("national", "national-v1", "xiamen-xiangan-2013", "beijing-2025")


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


def rules_from_document(doc: Document) -> Rules:
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(
            [doc.problem((), "a rules file must be a mapping of keys (name, pay, ...)")]
        )
    own_site_kinds = "site_kinds" in data and not doc.file.startswith("<built-in ")
    if "extends" in data:
        base = data["extends"]
        if base not in BUILTIN:
            raise InputError([doc.problem(("extends",), one_of(base, BUILTIN))])
        data = merge(builtin_data(base), {k: v for k, v in data.items() if k != "extends"})
    try:
        rules = Rules.model_validate(data).with_own_site_kinds(own_site_kinds)
    except RulesInconsistent as exc:
        raise InputError([doc.problem(path, message) for path, message in exc.problems]) from None
    except ValidationError as exc:
        problems = pydantic_problems(doc, exc, Rules)
        # Only unknown keys? Then the rest can still be checked, so every problem is reported.
        unknown = [tuple(e["loc"]) for e in exc.errors() if e["type"] == "extra_forbidden"]
        if len(unknown) == len(exc.errors()):
            try:
                Rules.model_validate(_without(data, unknown))
            except RulesInconsistent as inconsistent:
                problems += [doc.problem(p, m) for p, m in inconsistent.problems]
            except ValidationError:
                pass
        raise InputError(problems) from None
    if own_site_kinds:
        problems = [
            doc.problem(("staffing", minimum, kind), one_of(kind, rules.site_kinds), key=True)
            for minimum in ("minimum_posts", "minimum_certified")
            for kind in getattr(rules.staffing, minimum)
            if kind not in rules.site_kinds
        ]
        if problems:
            raise InputError(problems)
    return rules


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


def pydantic_problems(doc: Document, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            if len(loc) == 1:
                allowed.insert(0, "extends")
            problems.append(
                doc.problem(
                    loc,
                    "unknown key; "
                    + one_of(loc[-1], allowed).replace(
                        " is not one of: ", " is not allowed here; allowed: ", 1
                    ),
                    key=True,
                )
            )
        elif kind == "missing":
            hint = ""
            if len(loc) == 1 and isinstance(doc.data, dict) and "extends" not in doc.data:
                hint = (
                    "; add it, or start the file with 'extends: national' to take the national one"
                )
            problems.append(doc.problem(loc, "required key is missing" + hint))
        else:
            message = err["msg"]
            message = message.removeprefix("Value error, ")
            if kind == "literal_error":
                message = f"{err['input']!r} is not one of: " + ", ".join(
                    str(a) for a in _literal_values(model, loc)
                )
            elif kind in ("dict_type", "model_type", "model_attributes_type"):
                if err["input"] is None:  # `pay:` with nothing under it
                    message = (
                        "has nothing under it; write key: value lines under it, or remove the key"
                    )
                else:
                    message = f"{_show(err['input'])} is not a mapping; write key: value lines"
            elif kind == "list_type":
                message = f"{_show(err['input'])} is not a list; write '- item' lines"
            elif kind in ("string_type",):
                message = f"{_show(err['input'])} is not text"
            elif kind == "too_short":
                message = "must not be empty"
            problems.append(doc.problem(loc, message))
    return problems


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
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
