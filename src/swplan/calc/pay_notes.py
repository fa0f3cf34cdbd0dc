"""Notes on a roster's pay under local rules: areas a rule by area gives no amount, and
workers paid a certificate's months without the certificate's date."""

from __future__ import annotations

from collections import Counter

from ..messages import L, Msg, msg
from ..rules import Rules


def unpriced_areas(rules: Rules, workers: Counter[str]) -> list[Msg]:
    """One note per area of `workers` (area -> workers) that a floor or a component by
    area leaves out: there it gets 0 (no floor)."""
    out = []
    for area, n in workers.items():
        missing: list[str] = []
        for _, version in rules.versions():
            for i, floor in enumerate(version.pay.floor):
                if floor.by == "area" and area not in floor.amounts:
                    missing.append(f"pay.floor[{i}]")
            for cid, component in version.pay.components.items():
                if component.by == "area" and area not in component.amounts:
                    missing.append(f"pay.components.{cid}")
        if missing:
            where = ", ".join(dict.fromkeys(missing))
            shown = L(area, rules.label_of("area", area, "zh"))
            out.append(msg("calc.note_area_unpriced", area=shown, workers=n, where=where))
    return out


def windowed_components(rules: Rules) -> list[str]:
    """The components of any version paid only for some months after `title_since`."""
    found = [
        cid
        for _, version in rules.versions()
        for cid, component in version.pay.components.items()
        if component.for_months is not None
    ]
    return list(dict.fromkeys(found))


def undated_windows(rules: Rules, workers: Counter[str]) -> list[Msg]:
    """One note per component (id -> workers) paid every month to workers with no
    `title_since`."""
    return [
        msg("calc.note_no_title_since", workers=n, where=f"pay.components.{cid}")
        for cid, n in workers.items()
    ]
