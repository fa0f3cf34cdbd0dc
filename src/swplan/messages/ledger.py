"""Messages: ledger (see `swplan.messages`): key -> (English, Chinese).

The awards ledger (reading, recording, its journal), the ids of ledgers and passes,
and the outputs a recording run writes (`io.atomic`).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # why a file cannot be written (`io.atomic.why`)
    "ledger.why_full": ("the disk is full (no space left on device)", "磁盘已满"),
    "ledger.why_quota": ("the disk quota is exceeded", "超出磁盘配额"),
    "ledger.why_read_only": ("the file system is read-only", "文件系统只读"),
    "ledger.why_permission": ("permission denied", "没有权限"),
    "ledger.why_pipe": ("the reader closed the pipe", "读取方已关闭管道"),
    "ledger.why_directory": ("it is a directory; name a file", "这是一个目录；请指定文件"),
    # outputs
    "ledger.stdout_closed": (
        "is closed; give --output FILE, or run with stdout open",
        "已关闭；请指定 --output 文件，或在标准输出可用时运行",
    ),
    "ledger.output_is_directory": (
        "cannot be written: it is a directory; name a file to write",
        "无法写入：这是一个目录；请指定要写入的文件",
    ),
    "ledger.output_no_directory": (
        "cannot be written: its directory {directory} does not exist",
        "无法写入：所在目录 {directory} 不存在",
    ),
    "ledger.cannot_be_written": ("cannot be written: {why}", "无法写入：{why}"),
    "ledger.output_is_input": (
        "is an input of this run ({what} {path}); writing the report there would destroy "
        "it; name another file",
        "是本次运行的输入文件（{what} {path}）；把报表写到那里会覆盖它；请换一个文件名",
    ),
    # --record and --new-ledger
    "ledger.record_needs_ledger": (
        "needs --ledger FILE, the ledger (CSV or .xlsx) to record the awards in "
        "(with --new-ledger to start one)",
        "需要 --ledger 文件：记录奖励的台账（CSV 或 .xlsx；新建台账请加 --new-ledger）",
    ),
    "ledger.new_needs_record": (
        "only applies with --record; add --record",
        "只能与 --record 一起使用；请加 --record",
    ),
    "ledger.does_not_exist": (
        "the ledger does not exist; check the path (a new, empty ledger would pay every "
        "award again), or add --new-ledger to start one",
        "台账不存在；请检查路径（新的空台账会把每笔奖励再发一次），或加 --new-ledger 新建台账",
    ),
    "ledger.no_directory": (
        "cannot create the ledger: its directory does not exist",
        "无法新建台账：所在目录不存在",
    ),
    "ledger.cannot_add_column": (
        "--record must add the column {columns} to this ledger and cannot do it safely (a "
        "row spans lines); add the column by hand, empty in the old rows, and run again; "
        "nothing was recorded",
        "--record 需要为该台账增加 {columns} 列，但无法安全地增加（有记录跨行）；请手动增加该列"
        "（原有行留空）后重新运行；未记录任何内容",
    ),
    "ledger.xlsx_needs_column": (
        "--record must add the column {columns} to this workbook ledger (the awards have "
        "several schemes): add a column headed {columns}, empty in the old rows, "
        "and run again; nothing was recorded",
        "--record 需要为该工作簿台账增加 {columns} 列（奖励有多个方案）：请增加一列，表头为 "
        "{columns}（或“方案”），原有行留空，然后重新运行；未记录任何内容",
    ),
    "ledger.cannot_record": (
        "cannot record in the ledger: {why}; nothing was recorded",
        "无法写入台账：{why}；未记录任何内容",
    ),
    "ledger.cannot_record_plain": (
        "cannot record in the ledger: {why}",
        "无法写入台账：{why}",
    ),
    "ledger.recorded_all_the_same": (
        "the {count} due award(s) were recorded in the ledger all the same; a new run "
        "lists them as already paid",
        "这 {count} 笔应发奖励已记入台账；再次运行时将显示为已发放",
    ),
    "ledger.replaced_meanwhile": (
        "cannot record: the ledger was replaced or rewritten while this run worked "
        "(by a spreadsheet or another program); run again; nothing was recorded",
        "无法记录：本次运行期间台账被替换或改写（电子表格或其他程序所为）；请重新运行；"
        "未记录任何内容",
    ),
    # the header --record writes under
    "ledger.header_refused": (
        "--record cannot append to this ledger: its header {header!r} {why}; rows written "
        "under it could be misread. Fix the header and run again; nothing was recorded",
        "--record 不能追加到此台账：其表头 {header!r} {why}；在其下写入的行可能被误读。"
        "请改正表头后重新运行；未记录任何内容",
    ),
    "ledger.header_spaces": (
        "has spaces around the column name {column!r}",
        "的列名 {column!r} 前后有空格",
    ),
    "ledger.header_lines": ("spans several lines", "跨越了多行"),
    # the journal of an append
    "ledger.cut_short": (
        "an append to this ledger was cut short (a run was stopped while recording; "
        "{journal} holds the rows it was adding); run swplan awards with --record and this "
        "ledger to take it back, then run again",
        "此台账的一次追加被中断（记录时运行被终止；{journal} 中是当时正在追加的行）；"
        "请用 --record 和此台账运行 swplan awards 将其撤回，然后重新运行",
    ),
    "ledger.cut_short_no_journal": (
        "an append to this ledger was cut short and its journal {journal} is missing: the "
        "rows from line {line} on are half written; delete them by hand, then run again",
        "此台账的一次追加被中断，且其日志 {journal} 已不存在：从第 {line} 行起是写了一半的行；"
        "请手工删除这些行后重新运行",
    ),
    "ledger.not_a_journal": (
        "{journal} is not a journal swplan wrote ({what}), yet it stands where this "
        "ledger's journal goes; if no swplan run was stopped while recording in this "
        "ledger, delete {journal} and run again; nothing was recorded",
        "{journal} 不是 swplan 写的日志（{what}），却位于此台账日志的位置；若没有记录中被终止的 "
        "swplan 运行，请删除 {journal} 后重新运行；未记录任何内容",
    ),
    "ledger.journal_a_fifo": ("a FIFO", "是命名管道"),
    "ledger.journal_a_directory": ("a directory", "是目录"),
    "ledger.journal_a_link": ("a symbolic link", "是符号链接"),
    "ledger.journal_not_regular": ("not a regular file", "不是普通文件"),
    "ledger.journal_unknown": (
        "{size} bytes whose first line is not a journal's note",
        "{size} 字节，第一行不是日志的记录",
    ),
    "ledger.journal_mismatch": (
        "the journal {journal} does not match this ledger ({why}): taken back, it could "
        "drop paid rows or add unpaid ones; check the ledger's last rows by hand and, if "
        "they are right, delete {journal} and run again; nothing was recorded",
        "日志 {journal} 与此台账不符（{why}）：按它撤回可能删掉已发放的行或加入未发放的行；"
        "请手工核对台账的最后几行，若无误，请删除 {journal} 后重新运行；未记录任何内容",
    ),
    "ledger.why_other_mark": (
        "the ledger's own mark notes another append",
        "台账自身的标记记录的是另一次追加",
    ),
    "ledger.why_old_bytes": (
        "the ledger's bytes before the append it notes are not those it noted",
        "台账在该次追加之前的内容与日志所记不同",
    ),
    "ledger.why_tail": (
        "the ledger's last rows are not those it was adding",
        "台账最后几行不是该日志当时追加的行",
    ),
    "ledger.why_unmarked": (
        "the ledger bears no mark of an append",
        "台账上没有追加的标记",
    ),
    "ledger.why_other_file": ("it was written for another file", "它是为另一个文件写的"),
    "ledger.why_owner": (
        "it belongs to neither the ledger's owner nor this user",
        "它既不属于台账的所有者，也不属于当前用户",
    ),
    "ledger.no_journal": (
        "cannot record: no journal can be written in {directory} ({why}), so an append "
        "cut short by a kill or a power cut could not be taken back; make the directory "
        "writable or move the ledger; nothing was recorded",
        "无法记录：无法在 {directory} 中写入日志（{why}），追加若被终止或断电中断将无法撤回；"
        "请使该目录可写，或移动台账；未记录任何内容",
    ),
    "ledger.cannot_mark": (
        "cannot record: the ledger cannot be marked for the append ({why}); nothing was recorded",
        "无法记录：无法为追加标记台账（{why}）；未记录任何内容",
    ),
    "ledger.links_without_marks": (
        "cannot record: this ledger has other names (hard links) and its file system keeps "
        "no marks on files, so an append cut short could not be seen through them; record "
        "through a ledger with one name; nothing was recorded",
        "无法记录：此台账有其他名称（硬链接），而其文件系统不能在文件上做标记，追加若被中断，"
        "从其他名称将无法察觉；请使用只有一个名称的台账；未记录任何内容",
    ),
    # Excel ledgers
    "ledger.xlsx_new": (
        "the ledger does not exist; --new-ledger starts a CSV ledger: to keep the ledger "
        "in a workbook, make the workbook with its header (worker_id, exam, amount, "
        "paid_on) first",
        "台账不存在；--new-ledger 只能新建 CSV 台账：若要用工作簿记账，请先建好带表头"
        "（工号、考试、金额、发放日期）的工作簿",
    ),
    "ledger.xlsx_empty": (
        "cannot record: the workbook has no ledger sheet to add to",
        "无法记录：工作簿中没有可追加的台账工作表",
    ),
    "ledger.xlsx_several_sheets": (
        "cannot record into several sheets at once; name the sheet, as {file}#SHEET",
        "不能同时记入多个工作表；请指明工作表，写成 {file}#工作表",
    ),
    "ledger.xlsx_links": (
        "cannot record: this workbook has other names (hard links), and replacing it "
        "would leave them with the old ledger; record through a workbook with one name; "
        "nothing was recorded",
        "无法记录：此工作簿有其他名称（硬链接），替换后它们仍是旧台账；"
        "请使用只有一个名称的工作簿；未记录任何内容",
    ),
    "ledger.xlsx_owner": (
        "cannot record: the new workbook cannot be given the owner of the old one; "
        "record as its owner; nothing was recorded",
        "无法记录：新工作簿无法保留原工作簿的所有者；请以所有者身份记录；未记录任何内容",
    ),
    "ledger.xlsx_no_new_file": (
        "cannot record: no new file can be made in {directory} ({why}) to replace the "
        "workbook with; nothing was recorded",
        "无法记录：无法在 {directory} 中新建文件以替换工作簿（{why}）；未记录任何内容",
    ),
    "ledger.xlsx_cannot_rename": (
        "cannot record: the workbook cannot be replaced in {directory} (a shared directory "
        "where the file is someone else's); nothing was recorded",
        "无法记录：无法在 {directory} 中替换工作簿（共享目录中的他人文件）；未记录任何内容",
    ),
    "ledger.xlsx_would_lose": (
        "cannot record: rewriting this workbook would lose some of its parts ({parts}); "
        "keep the ledger in a workbook of its own, or as CSV; nothing was recorded",
        "无法记录：改写此工作簿会丢失其中的部分内容（{parts}）；"
        "请把台账单独存为一个工作簿，或存为 CSV；未记录任何内容",
    ),
    "ledger.xlsx_reads_back": (
        "cannot record: the workbook with the new rows does not read back as it should "
        "({why}); nothing was recorded",
        "无法记录：加入新行后的工作簿读回时不符（{why}）；未记录任何内容",
    ),
    "ledger.xlsx_rows_differ": (
        "its rows are not the old ones followed by the new",
        "其中的行不是原有各行加上新行",
    ),
    # what a recording run says
    "ledger.due": (
        "{count} award(s) due, {total} in total; add --record to record them in the ledger",
        "应发 {count} 笔奖励，共 {total} 元；加 --record 可记入台账",
    ),
    "ledger.recorded_nothing": (
        "recorded nothing: no award is due that {ledger} does not already hold; the "
        "ledger has {rows} rows",
        "未记录：没有 {ledger} 中尚未记录的应发奖励；台账有 {rows} 行",
    ),
    "ledger.recorded": (
        "recorded {count} award(s), {total} in total, paid_on {paid_on}, in {ledger}; the "
        "ledger now has {rows} rows:",
        "已记录 {count} 笔奖励，共 {total} 元，发放日期 {paid_on}，记入 {ledger}；台账现有 "
        "{rows} 行：",
    ),
    "ledger.recorded_row": ("  {worker} {exam} {amount}", "  {worker} {exam} {amount}"),
    "ledger.recorded_more": (
        "  ... and {count} more (see the ledger)",
        "  ……另有 {count} 笔（见台账）",
    ),
    # `swplan check` on a ledger
    "ledger.check_appends": (
        "ledger, {rows} rows; --record appends in its column order: {order}",
        "奖励发放台账，{rows} 行；--record 按其列顺序追加：{order}",
    ),
    "ledger.check_refuses": (
        "ledger, {rows} rows; --record refuses it: {why}",
        "奖励发放台账，{rows} 行；--record 不能写入它：{why}",
    ),
    # reading
    "ledger.read_gb18030": (
        '{file}: read as GB18030 (not UTF-8), as Excel\'s "CSV (Comma delimited)" saves it '
        "on Chinese Windows",
        "{file}：按 GB18030 编码读取（不是 UTF-8），即中文 Windows 上 Excel 的“CSV (逗号分隔)”格式",
    ),
    # ids as the user meant them
    "ledger.id_saved_by_excel": (
        "{roster} on the roster, {written} in the {where}: was it saved by Excel? Write the "
        "id as the roster does (format the id column as text before saving)",
        "花名册上为 {roster}，{where}中为 {written}：是否经 Excel 另存过？请按花名册填写工号"
        "（保存前把工号列设为文本格式）",
    ),
    "ledger.id_spelt_otherwise": (
        "{roster} on the roster, {written} in the {where}: the same worker written "
        "another way? Write the id exactly as the roster does",
        "花名册上为 {roster}，{where}中为 {written}：是否为同一人的另一种写法？"
        "请按花名册原样填写工号",
    ),
    "ledger.in_ledger": ("ledger", "台账"),
    "ledger.in_passes": ("passes", "考试通过记录"),
}
