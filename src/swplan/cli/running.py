"""Running a command and showing its outcome: output, notes, problems, exit code; usage
errors as one `error:` line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ..commands import Outcome
from ..errors import EXIT_BAD_INPUT, InputError, Problem
from .options import Format, Lang


def _plain_help() -> None:
    """Help without type noise: `ROSTER`, not `{ROSTER} <path>`; `--record`, not `--record <bool>`.

    Typer prints a type after every parameter and wraps required arguments in braces
    in the usage line; swplan names each value in its metavar (FILE, DATE, ...) instead.
    """
    from typer import core

    def argument_usage(self: Any) -> str:
        name = str(self.display_name_raw)
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None

    def option_type(self: Any, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return str(self.metavar) if self.metavar is not None else "VALUE"

    if hasattr(core, "TyperArgument") and hasattr(core, "TyperOption"):
        setattr(core.TyperArgument, "_usage_display_name", argument_usage)  # noqa: B010
        setattr(core.TyperArgument, "display_type_rich", argument_type)  # noqa: B010
        setattr(core.TyperOption, "display_type_rich", option_type)  # noqa: B010


_plain_help()


def _argv_lang(args: Any) -> str:
    """The language a command line asks for (`--lang zh`), before it is parsed."""
    from ..i18n import env_lang

    argv = list(args) if args is not None else sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "zh" if str(argv[i + 1]).lower() == "zh" else "en"
        if str(arg).lower() == "--lang=zh":
            return "zh"
    return env_lang()


class _Group(TyperGroup):
    """Typer's group, with its own usage errors as `error: ...` lines (exit 2), not boxes."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        utf8_streams()
        sys.unraisablehook = _unraisable
        standalone_mode = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            if exc.format_message():
                say(exc.format_message(), lines=True)
            code = EXIT_BAD_INPUT
        except ClickException as exc:
            from ..messages import Clauses, msg
            from ..rules.problems import Theirs

            ctx = getattr(exc, "ctx", None)
            message = exc.format_message().replace("Value error, ", "").rstrip(".")
            where = msg("run.see_help", command=ctx.command_path) if ctx is not None else ""
            line = Clauses(Theirs(message), where)  # click's words, then ours
            if _argv_lang(kwargs.get("args", args[0] if args else None)) == "zh":
                say(f"错误：{line.text('zh')}")
            else:
                say(f"error: {line.text('en')}")
            code = exc.exit_code
        except typer.Abort:
            code = 130
        except BrokenPipeError:  # help or a version into a closed pipe
            code = 0
        flush_stdout()
        if not standalone_mode:
            return code
        sys.exit(code or 0)


def _unraisable(unraisable: Any) -> None:
    """An error Python cannot raise (a writer's clean-up on a full disk, run while its
    generator is collected) comes after the run's own error line: it adds nothing."""


def utf8_streams() -> None:
    """Stdout and stderr in UTF-8 whatever the locale (`LANG=C`, `PYTHONIOENCODING=ascii`):
    swplan's words are Chinese, its tables have rules and dashes. What cannot be encoded
    even so (a file name's bytes that are not UTF-8) is written as an escape."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") and getattr(stream, "errors", "") == "backslashreplace":
            continue
        with suppress(Exception):  # not a text file of the interpreter's: left as it is
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]


_STDERR_OPEN = [True]  # False once stderr could not be written: nothing more is tried


def say(line: str, *, lines: bool = False) -> None:
    """One line on stderr, its control characters escaped (a file name with a newline or
    an ESC stays one plain line). A stderr that cannot be written (a closed pipe, a
    full disk) loses the line and changes nothing else: the exit code is the run's."""
    if not _STDERR_OPEN[0] or sys.stderr is None:
        return
    from ..escapes import escaped, one_line

    text = escaped(line, keep="\n") if lines else one_line(line)
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        _STDERR_OPEN[0] = False
        _silence(sys.stderr)


def flush_stdout() -> None:
    """Flush stdout now, so the interpreter's last flush cannot fail on a closed pipe."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence(sys.stdout)


def _silence(stream: Any) -> None:
    """Point a stream that cannot be written at /dev/null, so that what it still holds
    and the interpreter's flush at exit go nowhere instead of failing again."""
    with suppress(Exception):
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


def hold_standard_streams() -> None:
    """Open /dev/null on a standard stream the run was started without (`2>&-`), so no
    file this run opens (a ledger) takes its number and gains what is meant for it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def show(outcome: Outcome, fmt: str, output: Path | None, lang: str = "en") -> int:
    """Write the outcome to `output` (atomically) or stdout; its messages go to stderr.

    Its warnings go there too, unless the report on stdout showed them in its notes.
    """
    from ..i18n import message

    target = str(output) if output else None
    shown = False
    try:
        if outcome.write is not None:
            outcome.write(target)
        elif outcome.report is not None:
            from ..render import emit

            shown = emit(outcome.report, fmt, target)
        elif outcome.text is not None:
            sys.stdout.write(outcome.text)
            sys.stdout.flush()
    except BrokenPipeError:  # `swplan ... | head`: the reader has what it wanted
        _silence(sys.stdout)
        shown = False
    from ..identity import mask_text

    if not shown:
        prefix = "注意：" if lang == "zh" else "warning: "
        for warning in outcome.warnings:
            say(prefix + mask_text(message(warning, lang)))
    messages = outcome.messages() if callable(outcome.messages) else outcome.messages
    for line in messages:
        say(mask_text(message(line, lang)))
    return outcome.code


SAME_PROBLEM_SHOWN = 3  # a problem repeated on many rows is shown this often, then counted


def report_problems(problems: list[Problem], lang: str = "en") -> None:
    """One line per problem; the same problem on many rows (a header that is not the
    header gives every row the wrong width) is shown a few times, then counted."""
    from ..identity import mask_text
    from ..messages import msg

    seen: dict[tuple[str, str, str], int] = {}
    for problem in problems:
        key = (problem.file, problem.path, str(problem.message))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= SAME_PROBLEM_SHOWN:
            say(mask_text(problem.line(lang)))
    for (file, path, _), count in seen.items():
        if count > SAME_PROBLEM_SHOWN:
            more = count - SAME_PROBLEM_SHOWN
            extra = Problem(file, "", path, msg("run.more_like_it", n=more))
            say(extra.line(lang))


def print_notes(lang: str = "en") -> None:
    """What the readers skipped or ignored, one `note:` line each, on stderr."""
    from ..i18n import message
    from ..identity import mask_text
    from ..io import notes

    prefix = "说明：" if lang == "zh" else "note: "
    for note in notes.take():
        say(prefix + mask_text(message(note, lang)))


def pick_lang(lang: Lang | None) -> str:
    from ..i18n import env_lang

    return lang.value if lang is not None else env_lang()


def pick_format(fmt: Format | None, output: Path | None) -> str:
    from ..render import resolve_format

    return resolve_format(fmt.value if fmt else None, str(output) if output else None)


def run(
    command: Callable[[str], Outcome],
    fmt: Format | str | None = None,
    output: Path | None = None,
    inputs: dict[str, Any] | None = None,
    lang: str = "en",
    *,
    totals_check: bool = True,
) -> None:
    """Run a command and show its outcome; bad input, unreadable or unwritable files become
    one line per problem and exit 2. `inputs` (option -> path or paths) may not be the
    `output`. `totals_check`: a sheet's own total that differs is an error (else a
    warning, `--no-totals-check`)."""
    from ..io import notes

    notes.reset()
    notes.check_totals(totals_check)
    try:
        if output is not None and inputs:
            from ..io.atomic import output_clash

            clash = output_clash(str(output), inputs)
            if clash is not None:
                raise InputError([clash])
        # a Format (or None) is the report's --format; a plain word names no report format
        chosen = pick_format(fmt, output) if fmt is None or isinstance(fmt, Format) else fmt
        code = show(command(chosen), chosen, output, lang)
    except InputError as exc:
        print_notes(lang)
        report_problems(exc.problems, lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # the last line of "never a traceback"
        print_notes(lang)
        report_problems([unexpected(exc)], lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_notes(lang)
    raise typer.Exit(code)


def unexpected(exc: BaseException) -> Problem:
    """An error no reader turned into a `Problem`: still one line, never a traceback."""
    from decimal import DecimalException

    from ..messages import msg
    from ..rules.problems import ours

    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else "swplan"
        from ..io.atomic import why

        return Problem(str(name), "", "", msg("run.cannot_read_or_write", why=ours(why(exc))))
    if isinstance(exc, DecimalException | OverflowError):
        return Problem("swplan", "", "", msg("run.number_too_large"))
    if isinstance(exc, RecursionError):
        return Problem("swplan", "", "", msg("run.too_deep"))
    if isinstance(exc, MemoryError):
        return Problem("swplan", "", "", msg("run.out_of_memory"))
    error = f"{type(exc).__name__}: {exc}"
    return Problem("swplan", "", "", msg("run.internal_error", error=error))
