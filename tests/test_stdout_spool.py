"""A report for stdout is gathered in a spool of UTF-8 bytes and copied out when done.

A writer may write UTF-8 bytes straight into the spool (`out.buffer`, after a flush):
a national `pay -f json` does, 2.9 GB of it. What reaches stdout must be the text in
order, in stdout's own encoding, and nothing at all when the report fails.
"""

from __future__ import annotations

import io
import os
import sys

import pytest

from swplan.io.atomic import output_file

TEXT = "id,name\nW001,张三\n"


def _stdout(monkeypatch: pytest.MonkeyPatch, encoding: str) -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding, newline=""))
    return raw


def test_text_and_bytes_written_into_the_spool_reach_stdout_in_order(monkeypatch) -> None:
    raw = _stdout(monkeypatch, "utf-8")
    with output_file(None) as out:
        out.write("a,")
        out.flush()
        out.buffer.write("张三,".encode())  # a writer of UTF-8 bytes, as `pay -f json`
        out.write("c\n")
    assert raw.getvalue() == "a,张三,c\n".encode()


def test_a_stdout_in_another_encoding_gets_the_text_in_its_encoding(monkeypatch) -> None:
    # a console in GB18030: the spool's UTF-8 is decoded and written as text, as it
    # would have been written straight to stdout
    raw = _stdout(monkeypatch, "gb18030")
    with output_file(None) as out:
        out.write(TEXT)
    assert raw.getvalue() == TEXT.encode("gb18030")
    assert raw.getvalue() != TEXT.encode("utf-8")  # 张三 differs in the two


def test_a_stdout_without_bytes_gets_the_text(monkeypatch) -> None:
    text = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text)
    with output_file(None) as out:
        out.write(TEXT * 3)
    assert text.getvalue() == TEXT * 3


def test_a_binary_report_reaches_stdout_as_its_bytes(monkeypatch) -> None:
    raw = _stdout(monkeypatch, "gb18030")  # the encoding does not touch bytes
    data = bytes(range(256)) * (40_000)  # 10 MiB: past the spool's 8 MiB in memory
    with output_file(None, binary=True) as out:
        out.write(data)
    assert raw.getvalue() == data


def test_a_report_that_fails_writes_nothing(monkeypatch) -> None:
    raw = _stdout(monkeypatch, "utf-8")
    with pytest.raises(RuntimeError), output_file(None) as out:
        out.write("half a report\n" * 1_000_000)  # 14 MB: on disk by then
        raise RuntimeError("stopped")
    assert raw.getvalue() == b""


def test_a_stdout_that_translates_line_ends_gets_them_translated(monkeypatch) -> None:
    # on Windows, stdout writes "\n" as "\r\n": the report goes through it as text there
    raw = io.BytesIO()
    wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", wrapper)
    monkeypatch.setattr(os, "linesep", "\r\n")
    with output_file(None) as out:
        out.write(TEXT)
    assert raw.getvalue() == TEXT.replace("\n", "\r\n").encode()
