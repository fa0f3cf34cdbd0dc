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
    # swplan init (swplan.io.fileset)
    "safety.init_empty": (
        "the directory name is empty; name the directory for the new files, e.g. swplan init 2026",
        "目录名为空；请指定存放新文件的目录，例如 swplan init 2026",
    ),
    "safety.init_dangling": (
        "is a link to nothing; swplan init writes into a directory: name one that exists "
        "or a new one",
        "是指向不存在位置的链接；swplan init 写入一个目录：请指定已有目录或新目录",
    ),
    "safety.init_not_a_directory": ("is a file, not a directory", "是文件，不是目录"),
    "safety.init_exists": (
        "already exists; swplan init never overwrites a file: "
        "choose a new directory or move the file away",
        "已存在；swplan init 不会覆盖已有文件：请换一个目录，或先移走该文件",
    ),
    "safety.init_link": (
        "is a link; swplan init writes only new files, never through a link: "
        "choose a new directory or remove the link",
        "是链接；swplan init 只写入新文件，从不经由链接写入：请换一个目录，或删除该链接",
    ),
    "safety.init_cannot_create": ("cannot be created: {why}", "无法创建：{why}"),
    "safety.init_cannot_write": (
        "cannot be written: {why}; nothing was written",
        "无法写入：{why}；未写入任何文件",
    ),
    # how far a plan may reach (swplan.rules.plan_bounds, swplan plan)
    "safety.plan_years": (
        "{value} years is longer than a plan follows; at most {most}",
        "{value} 年超过规划可跟踪的年限；最多 {most} 年",
    ),
    "safety.growth_too_high": (
        "{value} is more than 1 (a doubling every year); a yearly growth or rise is at "
        "most 1 (write 0.10 for 10 %)",
        "{value} 大于 1（每年翻一番）；年增长率或涨幅最多为 1（10% 请写 0.10）",
    ),
    "safety.plan_past_9999": (
        "{years} years from {start} run past 9999, the last year a date can have; "
        "plan from {latest} at the latest, or over fewer years",
        "从 {start} 年起 {years} 年将超过 9999 年（日期的最后一年）；"
        "请最晚从 {latest} 年开始，或减少年数",
    ),
    "safety.plan_workforce": (
        "the planned workforce would reach {workers:,} workers in {year}, more than a plan "
        "follows ({limit:,}); check plan.client_growth and the number of years",
        "规划的工作人员将在 {year} 年达到 {workers:,} 人，超过规划可跟踪的上限（{limit:,}）；"
        "请检查 plan.client_growth 和年数",
    ),
}
