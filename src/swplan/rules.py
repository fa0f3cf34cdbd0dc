"""The rules file: one pydantic model, validated as a whole, with `extends: national`.

`load_rules(path)` returns a `Rules` or raises `InputError` listing every problem,
each at the file, line and key where it is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from .errors import InputError, Problem, one_of
from .loading import Document, parse_yaml, read_text

IDENT_RE = re.compile(r"^[\w-]+\Z")


def _ident(value: Any) -> Any:
    if isinstance(value, str) and not IDENT_RE.match(value):
        raise ValueError(f"{value!r} is not a valid name; use letters, digits, '_' and '-'")
    return value


def _decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise ValueError("a float is not allowed here; write the number as text")
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise ValueError(f"{value!r} is not a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _amount(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; amounts must be 0 or more")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{value!r} has more than two decimals; amounts are in yuan and fen")
    return number.quantize(Decimal("0.01"))


def _rate(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; must be 0 or more")
    return number


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{value!r} is not a whole number")
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"{value!r} is not a whole number")
    return int(text)


def _count(value: Any) -> int:
    number = _integer(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; must be 0 or more")
    return number


def _positive(value: Any) -> int:
    number = _integer(value)
    if number < 1:
        raise ValueError(f"{value!r} must be 1 or more")
    return number


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip() if isinstance(value, str | int) else None
    if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-01")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a real date; write YYYY-MM-DD, e.g. 2026-01-01"
        ) from None


Ident = Annotated[str, BeforeValidator(_ident)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
Rate = Annotated[Decimal, BeforeValidator(_rate)]
Number = Annotated[Decimal, BeforeValidator(_decimal)]
Count = Annotated[int, BeforeValidator(_count)]
Positive = Annotated[int, BeforeValidator(_positive)]
IsoDate = Annotated[dt.date, BeforeValidator(parse_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Model):
    zh: str | None = None
    en: str | None = None


class Category(_Model):
    label: Label = Label()
    clients_per_worker: Positive | None = None


class Staffing(_Model):
    clients_per_worker: Positive = 20
    minimum_posts: dict[Ident, Count] = {}
    minimum_certified: dict[Ident, Count] = {}


class YearsPoints(_Model):
    per_year: Rate = Decimal("0.5")
    max: Rate = Decimal("10")


class Points(_Model):
    education: dict[Ident, Number]
    title: dict[Ident, Number]
    performance: dict[Ident, Number]
    years_of_service: YearsPoints = YearsPoints()


class Post(_Model):
    label: Label = Label()
    points: Number = Decimal(0)
    min_grade: Annotated[int, BeforeValidator(_integer)] | None = None
    max_grade: Annotated[int, BeforeValidator(_integer)] | None = None


class Grade(_Model):
    grade: Annotated[int, BeforeValidator(_integer)]
    min_points: Number
    monthly: Amount


class Allowances(_Model):
    title: dict[Ident, Amount] = {}


class ContributionBase(_Model):
    floor: Amount
    ceiling: Amount


class Contributions(_Model):
    base: ContributionBase
    rates: dict[Ident, Rate] = {}


class Pay(_Model):
    points: Points
    default_performance: Ident
    posts: dict[Ident, Post] = {}
    default_post: Ident | None = None
    grades: list[Grade] = Field(min_length=1)
    months_per_year: Positive = 12
    allowances: Allowances = Allowances()
    performance_bonus_months: dict[Ident, Rate] = {}
    contributions: Contributions


class Awards(_Model):
    exams: dict[Ident, Amount] = {}
    ladder: list[Ident] = []
    upgrade: Literal["top_up", "full"] = "top_up"
    claim_window_days: Count | None = None


class NewHire(_Model):
    education: Ident
    title: Ident
    years_of_service: Count = 0
    post: Ident | None = None
    performance: Ident | None = None


class Budget(_Model):
    new_hire: NewHire
    training_per_worker: Amount = Decimal("0.00")


class Rules(_Model):
    """The whole rules file, after `extends`."""

    name: str
    effective: IsoDate
    categories: dict[Ident, Category] = Field(min_length=1)
    staffing: Staffing = Staffing()
    pay: Pay
    awards: Awards = Awards()
    budget: Budget

    def ratio(self, category: str) -> int:
        own = self.categories[category].clients_per_worker
        return own if own is not None else self.staffing.clients_per_worker

    def label(self, category: str, lang: str) -> str:
        label = self.categories[category].label
        text = label.zh if lang == "zh" else label.en
        return text or category


# --------------------------------------------------------------------------- loading

BUILTIN = ("national",)


def builtin_document(name: str = "national") -> Document:
    text = resources.files("swplan.configs").joinpath(f"{name}.yaml").read_text("utf-8")
    return parse_yaml(f"<built-in {name}>", text)


def merge(base: Any, override: Any) -> Any:
    """A mapping merges key by key; anything else replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    return override


def load_rules(path: str | os.PathLike[str] | None = None) -> Rules:
    """The rules in `path`, or the built-in national default when `path` is None."""
    doc = builtin_document() if path is None else _load_document(path)
    return rules_from_document(doc)


def _load_document(path: str | os.PathLike[str]) -> Document:
    return parse_yaml(str(path), read_text(path))


def rules_from_document(doc: Document) -> Rules:
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(
            [doc.problem((), "a rules file must be a mapping of keys (name, pay, ...)")]
        )
    if "extends" in data:
        base = data["extends"]
        if base not in BUILTIN:
            raise InputError([doc.problem(("extends",), one_of(base, BUILTIN))])
        data = merge(builtin_document(base).data, {k: v for k, v in data.items() if k != "extends"})
    try:
        rules = Rules.model_validate(data)
    except ValidationError as exc:
        problems = pydantic_problems(doc, exc, Rules)
        # Only unknown keys? Then the rest can still be checked, so every problem is reported.
        unknown = [tuple(e["loc"]) for e in exc.errors() if e["type"] == "extra_forbidden"]
        if len(unknown) == len(exc.errors()):
            try:
                problems += check_rules(Rules.model_validate(_without(data, unknown)), doc)
            except ValidationError:
                pass
        raise InputError(problems) from None
    problems = check_rules(rules, doc)
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


def check_rules(rules: Rules, doc: Document) -> list[Problem]:
    """What a single key cannot say: references between parts of the rules."""
    problems: list[Problem] = []

    def bad(path: tuple[str | int, ...], message: str) -> None:
        problems.append(doc.problem(path, message))

    pay = rules.pay
    points = pay.points
    if "none" not in points.title:
        bad(("pay", "points", "title"), "the title 'none' (no certificate) must be listed")
    if pay.default_performance not in points.performance:
        bad(("pay", "default_performance"), one_of(pay.default_performance, points.performance))
    previous: Grade | None = None
    for i, grade in enumerate(pay.grades):
        if previous is not None and grade.grade <= previous.grade:
            bad(
                ("pay", "grades", i, "grade"),
                f"grade {grade.grade} follows grade {previous.grade}; grades must be strictly ascending",
            )
        if previous is not None and grade.min_points <= previous.min_points:
            bad(
                ("pay", "grades", i, "min_points"),
                f"min_points {grade.min_points} is not above {previous.min_points} of the grade before; "
                "min_points must be strictly ascending",
            )
        previous = grade
    grade_numbers = [g.grade for g in pay.grades]
    for name, post in pay.posts.items():
        for bound in ("min_grade", "max_grade"):
            value = getattr(post, bound)
            if value is not None and value not in grade_numbers:
                bad(
                    ("pay", "posts", name, bound),
                    f"grade {value} is not defined; grades: {', '.join(map(str, grade_numbers))}",
                )
        if (
            post.min_grade is not None
            and post.max_grade is not None
            and post.min_grade > post.max_grade
        ):
            bad(
                ("pay", "posts", name, "min_grade"),
                f"min_grade {post.min_grade} is above max_grade {post.max_grade}",
            )
    if pay.posts:
        if pay.default_post is None:
            bad(
                ("pay", "default_post"),
                "required when posts are defined; name one of: " + ", ".join(pay.posts),
            )
        elif pay.default_post not in pay.posts:
            bad(("pay", "default_post"), one_of(pay.default_post, pay.posts))
    elif pay.default_post is not None:
        bad(("pay", "default_post"), "no posts are defined, so there is no default post")
    for title in pay.allowances.title:
        if title not in points.title:
            bad(("pay", "allowances", "title", title), one_of(title, points.title))
    for rating in pay.performance_bonus_months:
        if rating not in points.performance:
            bad(("pay", "performance_bonus_months", rating), one_of(rating, points.performance))
    base = pay.contributions.base
    if base.floor > base.ceiling:
        bad(
            ("pay", "contributions", "base", "floor"),
            f"floor {base.floor} is above the ceiling {base.ceiling}",
        )
    seen: set[str] = set()
    for i, exam in enumerate(rules.awards.ladder):
        if exam not in rules.awards.exams:
            bad(
                ("awards", "ladder", i),
                "the ladder names an exam with no award; " + one_of(exam, rules.awards.exams),
            )
        if exam in seen:
            bad(("awards", "ladder", i), f"{exam!r} appears twice in the ladder")
        seen.add(exam)
    hire = rules.budget.new_hire
    hire_path = ("budget", "new_hire")
    if hire.education not in points.education:
        bad((*hire_path, "education"), one_of(hire.education, points.education))
    if hire.title not in points.title:
        bad((*hire_path, "title"), one_of(hire.title, points.title))
    if hire.performance is not None and hire.performance not in points.performance:
        bad((*hire_path, "performance"), one_of(hire.performance, points.performance))
    if hire.post is not None and hire.post not in pay.posts:
        bad((*hire_path, "post"), one_of(hire.post, pay.posts))
    return problems


def rules_as_data(rules: Rules) -> dict[str, Any]:
    """The effective rules as plain data (amounts as strings), for `rules show`."""
    return rules.model_dump(mode="json", exclude_none=True)
