"""What the reports of every command share: the JSON header, sentences of the message
catalogue, warning lines, and the typed columns of a workbook.

The reports only arrange and format what a calculation returned (numbers, and
warnings as typed values); every sentence a reader sees is a message of the catalogue
(`swplan.messages.reports`), worded here in the run's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..calc.staffing import UnknownSite
from ..i18n import message
from ..identity import mask_text
from ..messages import Localized, Msg, Text, msg
from ..rules import Rules
from ..workbook import Column
from .labels import label

# zh CSV: the columns that name a site by its id and name
SITE_HEADERS_ZH = {"id": "站点编号", "name": "名称"}


def header(command: str, rules: Rules, as_of: dt.date) -> dict[str, Any]:
    """The keys every JSON document starts with."""
    return {"schema": f"swplan.{command}/1", "as_of": as_of.isoformat(), "rules": rules.name}


def sentence(key: str, lang: str, /, **values: Any) -> str:
    """The sentence `reports.<key>` of the catalogue in `lang`, filled with `values`."""
    return msg(f"reports.{key}", **values).text(lang)


# --------------------------------------------------------------------------- warnings


def warning_message(warning: UnknownSite | Text) -> Text:
    """A warning as a message of the catalogue: a typed warning of a calculation is
    worded here; a message stays as it is, and so does a plain string (a reader's
    words not yet in the catalogue)."""
    if isinstance(warning, UnknownSite):
        return unknown_site(warning)
    return warning


def unknown_site(warning: UnknownSite) -> Msg:
    """`worker W9 is at site 'nowhere', which is not in the populations; not counted`."""
    if warning.count == 1:
        return msg("reports.unknown_site.one", id=warning.ids[0], site=warning.site)
    shown = ", ".join(warning.ids) + (", ..." if warning.count > len(warning.ids) else "")
    return msg("reports.unknown_site.many", count=warning.count, ids=shown, site=warning.site)


def warning_text(warning: UnknownSite | Text, lang: str) -> str:
    """A warning's sentence in `lang`."""
    return message(warning_message(warning), lang)


def warning_line(warning: UnknownSite | Text, lang: str) -> str:
    """`warning: ...` under a table (`注意：...`)."""
    return sentence("warning", lang, text=warning_text(warning, lang))


def warnings_json(warnings: Iterable[UnknownSite | Text]) -> list[str]:
    """The JSON `warnings`: each in English, whatever the language of the run (an
    identity number in one shown masked)."""
    return [mask_text(_english(warning_message(w))) for w in warnings]


def warning_messages(warnings: Iterable[UnknownSite | Text]) -> list[Text]:
    """The warnings as messages, for the command line to word in the run's language."""
    return [warning_message(w) for w in warnings]


def _english(text: Text) -> str:
    return text.text("en") if isinstance(text, Msg | Localized) else text


# --------------------------------------------------------------------------- xlsx


def document_title(key: str, lang: str, region: str | None = None, /, **values: Any) -> str:
    """A sheet's title row, `documents.title.<key>`: the region (when the populations
    name one), what the sheet is, and its year or as-of date
    (`青山县2027年度社会工作人员经费预算`, `工资测算（2026-12-01）`)."""
    prefix = ""
    if region and lang == "zh":  # 青山县2027年度...; a region ending in Latin keeps a space
        prefix = region + (" " if region[-1].isascii() else "")
    elif region:
        prefix = region + ": "
    return msg(f"documents.title.{key}", region=prefix, **values).text(lang)


def money_column(key: str, lang: str) -> Column:
    return Column(label(key, lang), "money")


def int_column(key: str, lang: str) -> Column:
    return Column(label(key, lang), "int")


def text_column(key: str, lang: str) -> Column:
    return Column(label(key, lang), "text")


def yes_no(value: bool | None, lang: str) -> str:
    """`yes`/`no` (是/否) in a cell; empty for None."""
    if value is None:
        return ""
    return label("yes" if value else "no", lang)
