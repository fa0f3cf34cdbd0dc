"""What can be wrong with rules: a key path and a sentence for each problem."""

from __future__ import annotations

KeyPath = tuple[str | int, ...]


class RulesInconsistent(Exception):
    """Rules whose parts contradict each other; `problems` are (key path, sentence)."""

    def __init__(self, problems: list[tuple[KeyPath, str]]) -> None:
        self.problems = problems
        super().__init__(
            "; ".join(f"{'.'.join(map(str, path))}: {message}" for path, message in problems)
        )
