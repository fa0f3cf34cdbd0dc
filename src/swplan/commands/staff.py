"""`swplan staff`: posts each site needs, and with a roster the gap to current staff."""

from __future__ import annotations

from pathlib import Path

from .common import Outcome, load_rules_opt, staff_checks, with_notes


def staff(
    *,
    populations: Path,
    roster: Path | None,
    rules: Path | None,
    fail_on_shortage: bool,
    lang: str,
    allow_unknown_sites: bool = False,
) -> Outcome:
    from ..report.common import warning_messages
    from ..report.staff import staff_report
    from .district import load_district

    r = load_rules_opt(rules)
    pops, result, _ = load_district(populations, roster, r, allow_unknown_sites=allow_unknown_sites)
    report = with_notes(staff_report(result, r, lang, pops.region))
    messages, code = staff_checks(result.totals.shortage, fail_on_shortage)
    return Outcome(report, code, messages, warnings=warning_messages(result.warnings))
