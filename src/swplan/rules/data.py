"""The rules as plain data, for `swplan rules show`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .vocabulary import LONG_FORMS

if TYPE_CHECKING:
    from .model import Rules


def rules_as_data(rules: Rules) -> dict[str, Any]:
    """The effective rules as plain data (amounts as strings), for `rules show`.

    Entries of the number vocabularies that have labels or aliases are shown in their
    long form (`bachelor: {points: '2', label: {zh: 本科}, aliases: [大学本科]}`). Keys of
    local pay policies left at their defaults are not shown, so a rules file that uses
    none of them reads as it always did.
    """
    data = rules.model_dump(mode="json", exclude_none=True, by_alias=True)
    for vocabulary, (path, number_key) in LONG_FORMS.items():
        node: Any = data
        for part in path:
            node = node[part]
        for key, word in rules._long_words.get(vocabulary, {}).items():
            extra = word.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            if extra:
                node[key] = {number_key: node[key], **extra}
    _without_default_policies(data, rules)
    cleaned: dict[str, Any] = _without_empty_aliases(data)
    return cleaned


def _without_default_policies(data: dict[str, Any], rules: Rules) -> None:
    pay = data["pay"]
    if pay.get("service", {}).get("count") == "anniversary":
        del pay["service"]["count"]
    defaults: dict[str, Any] = {
        "service": {"education_years": {}},
        "components": {},
        "education_post": {},
        "floor": [],
        "prorate": {"extra_months": False, "bonus": False},
    }
    for key, default in defaults.items():
        if pay.get(key) == default:
            del pay[key]
    contributions = pay["contributions"]
    if contributions.get("round") == "fen":
        del contributions["round"]
    for item in contributions.get("items", {}).values():
        if item.get("base") == {}:
            del item["base"]
    if data["budget"]["new_hire"].get("start_month") == 1:
        del data["budget"]["new_hire"]["start_month"]
    if not data.get("changes"):
        data.pop("changes", None)
    for key in ("areas", "published"):
        if not data.get(key):
            data.pop(key, None)
    plan = data.get("plan", {})
    for key in ("site_growth", "by_year"):
        if plan.get(key) == {}:
            del plan[key]
    if rules.plan.by_year:  # each year's entry as written: a null clears a constraint
        plan["by_year"] = {
            str(year): change.model_dump(mode="json", exclude_unset=True)
            for year, change in rules.plan.by_year.items()
        }


def _without_empty_aliases(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: _without_empty_aliases(v)
            for k, v in data.items()
            if not (k == "aliases" and v == [])
        }
    if isinstance(data, list):
        return [_without_empty_aliases(v) for v in data]
    return data
