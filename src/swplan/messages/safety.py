"""Messages: safety (see `swplan.messages`): key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # workbooks too big to read (swplan.io.xlsxbounds)
    "safety.sheet_too_big": (
        "is too big to read: a sheet inflates to {size:,} MiB (at most {limit:,} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：解压后达 {size:,} MiB（最多 {limit:,} MiB）；请改存为 CSV UTF-8",
    ),
    "safety.strings_too_big": (
        "is too big to read: its text inflates to {size:,} MiB (at most {limit:,} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：其文字解压后达 {size:,} MiB（最多 {limit:,} MiB）；请改存为 CSV UTF-8",
    ),
    "safety.workbook_too_big": (
        "is too big to read: its parts inflate to {size:,} MiB in all (at most {limit:,} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：各部分解压后共 {size:,} MiB（最多 {limit:,} MiB）；请改存为 CSV UTF-8",
    ),
    "safety.part_too_big": (
        "is too big to read: its part {part!r} inflates to {size:,} MiB (at most {limit:,} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：其组成部分 {part!r} 解压后达 {size:,} MiB（最多 {limit:,} MiB）；"
        "请改存为 CSV UTF-8",
    ),
    "safety.part_too_many": (
        "is too big to read: its part {part!r} holds too many XML elements (the parts read "
        "whole, such as styles and theme, hold at most {limit:,} in all); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：其组成部分 {part!r} 含有过多 XML 元素（样式、主题等整体读取的部分合计最多 "
        "{limit:,} 个）；请改存为 CSV UTF-8",
    ),
    # workbooks out (swplan.workbook)
    "safety.xlsx_rows": (
        "xlsx: the sheet {sheet!r} would need {rows:,} rows, more than a worksheet holds "
        "({limit:,}); use --format csv",
        "xlsx：工作表 {sheet!r} 需要 {rows:,} 行，超过一个工作表的上限（{limit:,}）；"
        "请使用 --format csv",
    ),
}
