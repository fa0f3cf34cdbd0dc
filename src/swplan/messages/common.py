"""Messages shared by every part of swplan: key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "hint.did_you_mean": (" (did you mean {hint!r}?)", "（是否应为 {hint!r}？）"),
}
