"""`pay` of a big roster from its columns: each profile costed once, each line joined.

The bytes are those of the row path (`roster.write_pay` with `PayStreamWriter.row`):
every line is the row's id, name and site cells, then its profile's part, which the
same writer formats once per profile. Cells that need more than plain text (quotes,
a formula-like first character, an identity number shown masked, JSON escapes) are
made by the writer's own functions, once per distinct value.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import IO, Any

from ..bulk import building
from ..calc.costing import RosterCosting, Tally
from ..calc.staffing import RosterCounts, RosterSummary
from ..identity import shown_id
from ..io import notes
from ..io.columnar import RosterColumns, engine
from ..io.roster import RosterRows
from ..model import Worker
from ..render import csv_cell
from ..report.pay_stream import PayStreamWriter, _json_text, _plain, _text_cell
from .roster import Wanted

# written as it is (a case of the writer's `_plain`: ASCII letters and digits and CJK
# ideographs are word characters to both engines)
_PLAIN_TEXT = r"^[A-Za-z0-9\x{4e00}-\x{9fff}][A-Za-z0-9_\x{4e00}-\x{9fff}-]*$"
_JSON_PLAIN = r'^[^"\\\x00-\x1f]*$'  # nothing to escape in JSON
BATCH = 100_000  # rows whose lines are made and written together


def profiles(columns: RosterColumns, costing: RosterCosting) -> tuple[Any, Tally]:
    """Each row's profile number (a polars Series) and the tally of profiles."""
    pl = engine()
    number = pl.Series(_pair_profiles(pl, columns, costing), dtype=pl.Int64).gather(columns.pair)
    tally = Tally(costing)
    counted = number.value_counts()
    top = number.max()  # None for a roster with no worker
    tally.counts = [0] * (0 if top is None else top + 1)
    for n, k in counted.iter_rows():
        tally.counts[n] = k
    notes.add(costing.notes(tally.counts))
    return number, tally


def _pair_profiles(pl: Any, columns: RosterColumns, costing: RosterCosting) -> list[int]:
    """The profile number of each (facts, service) pair, numbered as `costing.profile`
    called pair after pair would number them: a national roster's 600,000 pairs are
    10,000 services and a few hundred facts, so the years are worked out per distinct
    (service, education) and each profile found per distinct (words, years)."""
    facts, services = columns.facts, columns.services
    parts = [costing.words_part(f) for f in facts]
    bases: dict[Any, int] = {}  # what the years depend on besides the service -> a number
    basis_of = [bases.setdefault(basis, len(bases)) for _, basis in parts]
    alike = {basis_of[i]: f for i, f in reversed(list(enumerate(facts)))}  # a facts per basis
    f = pl.Series([p[0] for p in columns.pairs], dtype=pl.Int64)
    frame = pl.DataFrame(
        {
            "w": pl.Series([w for w, _ in parts], dtype=pl.Int64).gather(f),
            "b": pl.Series(basis_of, dtype=pl.Int64).gather(f),
            "s": pl.Series([p[1] for p in columns.pairs], dtype=pl.Int64),
        }
    )
    with building():
        distinct = frame.select("s", "b").unique(maintain_order=True)
        years = [costing.years_part(services[s], alike[b]) for s, b in distinct.iter_rows()]
        frame = frame.join(
            distinct.with_columns(y=pl.Series(years, dtype=pl.Int64)),
            on=["s", "b"],
            how="left",
            maintain_order="left",
        )
        found = frame.select("w", "y").unique(maintain_order=True)
        numbers = [costing.number(w, y) for w, y in found.iter_rows()]
    per_pair = frame.join(
        found.with_columns(n=pl.Series(numbers, dtype=pl.Int64)),
        on=["w", "y"],
        how="left",
        maintain_order="left",
    )
    return list(per_pair.get_column("n").to_list())


def write_columns(
    columns: RosterColumns, costing: RosterCosting, writer: PayStreamWriter, out: IO[str]
) -> Tally:
    """Every worker's line of `pay -f csv|json`, written to `out`, a batch of rows at a
    time: a batch is written by a second thread while the next is made (memory holds
    two batches' lines; the writes keep their order, one at a time); the tally."""
    from concurrent.futures import Future, ThreadPoolExecutor

    pl = engine()
    number, tally = profiles(columns, costing)
    tails = pl.Series([writer.tail(n) for n in range(len(tally.counts))])
    ids = _ids(pl, columns.ids, writer.fmt)
    csv = writer.fmt == "csv"
    if csv:
        names = _cells(pl, columns.names, _csv_text, _PLAIN_TEXT, empty="")
        sites = _cells(pl, columns.sites, _csv_text, _PLAIN_TEXT)
    else:
        names = _cells(pl, columns.names, _json_text, _JSON_PLAIN, empty="null", quote=True)
        sites = _cells(pl, columns.sites, _json_text, _JSON_PLAIN, quote=True)
    writing: Future[None] | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        for start in range(0, columns.count, BATCH):
            part = [c.slice(start, BATCH) for c in (ids, names, sites)]
            part.append(tails.gather(number.slice(start, BATCH)))
            if csv:
                lines, end = _concat(pl, part, ","), "\n"
                if not start:
                    out.write(writer.header_line())
                    writer.header_written = True
            else:
                lines, end = _concat(pl, _json_object(pl, part)), ""
                if not start:
                    out.write(lines[0][1:])  # the first object: no comma before it
                    lines = lines.slice(1)
                    writer.wrote = True
            if writing is not None:
                writing.result()  # the batch before, wholly written (or its error)
            writing = pool.submit(_write, lines, out, end)
        if writing is not None:
            writing.result()
    return tally


def _json_object(pl: Any, part: list[Any]) -> list[Any]:
    """The parts of a worker's object in the pay JSON, after the comma before it."""
    ids, names, sites, tails = part
    return [
        pl.lit(',\n    {\n      "id": "'),
        ids,
        pl.lit('",\n      "name": '),
        names,
        pl.lit(',\n      "site": '),
        sites,
        pl.lit(",\n"),
        tails,
    ]


def _csv_text(value: str) -> str:
    """A name or site cell as the writer writes it."""
    return value if _plain(value) else _text_cell(value)


def _concat(pl: Any, parts: list[Any], separator: str = "") -> Any:
    """The parts (Series or literals) joined row by row, as one Series of text."""
    exprs = [pl.lit(p) if isinstance(p, pl.Series) else p for p in parts]
    return pl.select(pl.concat_str(exprs, separator=separator)).to_series()


def _write(lines: Any, out: IO[str], end: str) -> None:
    """The lines, each followed by `end`, to `out`: as UTF-8 into its bytes where it is
    a UTF-8 file, else as text."""
    frame = lines.to_frame("line")
    options: dict[str, Any] = {"include_header": False, "quote_style": "never"}
    raw = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if raw is not None and encoding == "utf8":
        out.flush()
        frame.write_csv(raw, line_terminator=end, **options)
        return
    buffer = io.BytesIO()
    frame.write_csv(buffer, line_terminator=end, **options)
    out.write(buffer.getvalue().decode("utf-8"))


def _ids(pl: Any, ids: Any, fmt: str) -> Any:
    """Ids as the writer shows them: an identity number masked; in CSV, one starting
    with "-" as `csv_cell` writes it."""
    odd = ids.str.len_chars().is_in([15, 18])
    if fmt == "csv":
        odd = odd | ids.str.starts_with("-")
    if not bool(odd.any()):
        return ids
    changed = ids.filter(odd).unique()

    def shown(value: str) -> str:
        text = shown_id(value) if len(value) in (15, 18) else value
        return csv_cell(text) if fmt == "csv" and text.startswith("-") else text

    return ids.replace(changed, pl.Series([shown(v) for v in changed.to_list()]))


def _cells(
    pl: Any, values: Any, made: Any, plain: str, *, empty: str | None = None, quote: bool = False
) -> Any:
    """Text cells as the writer writes them: plain text as it is (JSON: in quotes), the
    rest by the writer's own `made`, once per distinct value; `empty` for ""."""
    shown = _concat(pl, [pl.lit('"'), values, pl.lit('"')]) if quote else values
    odd = ~values.str.contains(plain)
    if empty is not None:
        odd = odd & (values != "")
    if bool(odd.any()):
        distinct = values.filter(odd).unique()
        shown = shown.replace(
            distinct if not quote else _concat(pl, [pl.lit('"'), distinct, pl.lit('"')]),
            pl.Series([made(v) for v in distinct.to_list()]),
        )
    if empty is not None:
        shown = shown.zip_with(values != "", pl.repeat(empty, len(values), eager=True))
    return shown


# --------------------------------------------------------------------------- staff, budget


def site_counts(columns: RosterColumns, rules: Any) -> tuple[RosterCounts, Any]:
    """Each site's workers, certified workers and first ids, in the order the row path
    finds them; and the frame of ids, sites and certified flags they came from."""
    pl = engine()
    certified_titles = rules.certified_titles
    held_by = pl.Series([f.title in certified_titles for f in columns.facts], dtype=pl.Boolean)
    of_pair = held_by.gather(pl.Series([f for f, _ in columns.pairs], dtype=pl.Int64))
    frame = pl.DataFrame(
        {"id": columns.ids, "site": columns.sites, "certified": of_pair.gather(columns.pair)}
    )
    counts = RosterCounts()
    by_site = frame.group_by("site", maintain_order=True).agg(
        pl.len().alias("n"), pl.col("id").head(RosterCounts.SAMPLE).alias("ids")
    )
    held = frame.filter(pl.col("certified")).group_by("site", maintain_order=True).len()
    with building():  # a few objects per site, 600,000 sites
        sites = by_site.get_column("site").to_list()
        counts.current.update(dict(zip(sites, by_site.get_column("n").to_list(), strict=True)))
        counts.sample_ids.update(zip(sites, by_site.get_column("ids").to_list(), strict=True))
        held_at = zip(
            held.get_column("site").to_list(), held.get_column("len").to_list(), strict=True
        )
        counts.certified.update(dict(held_at))
    return counts, frame


def summarise_columns(
    rows: RosterRows,
    columns: RosterColumns,
    costing: RosterCosting | None,
    given: Callable[[], Wanted],
    *,
    by_site: bool = False,
    ahead: Callable[[RosterCounts], None] | None = None,
) -> RosterSummary:
    """What `staff` and `budget` need of a roster (see `roster.summarise_roster`), from
    its columns: each site's workers, certified workers, first ids and (with
    `by_site`) cost, in the order the row path finds them. What is wanted of it is
    asked for (`given`) once the counts and costs are made. With `ahead` the counts
    go there as soon as they are made, and the summary's hold only the sites' costs
    (with `by_site`), for the caller to join to them."""
    from ..calc.ids import respellings
    from ..calc.items import roster_items

    pl = engine()
    counts, frame = site_counts(columns, rows.rules)
    held = counts  # what the summary holds: the counts, or only the costs of the sites
    if ahead is not None:
        ahead(counts)  # the caller sizes the sites while the costs are worked out
        held = RosterCounts()
    cost = Decimal(0)
    items: dict[str, Decimal] = {}
    number = None
    if costing is not None:
        number, tally = profiles(columns, costing)
        cost = tally.totals()["annual_cost"]
        if costing.year is not None:
            items = roster_items(costing, tally.counts)
    wanted = given()
    if by_site and number is not None and costing is not None:
        _site_costs(pl, frame, number, costing, held, wanted.ids)
    elif by_site:
        held.with_costs(wanted.ids)
    kept = _kept(pl, rows, columns, wanted)
    # of the ids the passes and the ledger name, those on the roster
    asked = [*wanted.ids, *wanted.ledger_ids]
    ids = set(frame.get_column("id").filter(frame.get_column("id").is_in(asked)))
    found = {i for i in wanted.ids if i in ids} | {w.id for w in kept}
    unfound = {i: None for i in (*wanted.ids, *wanted.ledger_ids) if i not in ids}
    respelt = respellings(columns.ids.to_list(), unfound) if unfound else {}
    said = [*notes.take(), *notes.take_warnings()]
    return RosterSummary(cost, columns.count, held, kept, found, said, respelt, items)


def _site_costs(
    pl: Any,
    frame: Any,
    number: Any,
    costing: RosterCosting,
    counts: RosterCounts,
    named: Collection[str],
) -> None:
    """Each site's cost (in whole fen, summed exactly) and the sites of `named`."""
    from ..calc.costing import ANNUAL_COST_INDEX

    counts.with_costs(named)
    top = number.max()  # None for a roster with no worker
    fen = [
        int(costing.money(n)[ANNUAL_COST_INDEX] * 100) for n in range(0 if top is None else top + 1)
    ]
    sums = (
        frame.select("site")
        .with_columns(fen=pl.Series(fen, dtype=pl.Int64).gather(number))
        .group_by("site", maintain_order=True)
        .agg(pl.col("fen").sum())
    )
    assert counts.costs is not None
    for site, total in sums.iter_rows():
        counts.costs[site] = Decimal(total).scaleb(-2)  # fen -> yuan, two places
    if named:
        at = frame.filter(pl.col("id").is_in(list(named))).unique("id", keep="first")
        for worker_id, site in at.select("id", "site").iter_rows():
            counts.site_of[worker_id] = site


def _kept(
    pl: Any,
    rows: RosterRows,
    columns: RosterColumns,
    wanted: Wanted,
    *,
    every_id: bool = False,
) -> list[Worker]:
    """The workers the awards must judge: those the passes name by id (`every_id`, or
    when the award conditions judge workers) or by name, in roster order."""
    from ..calc.awards import name_key
    from ..model import RosterRow

    keep = pl.repeat(False, columns.count, eager=True)
    if (every_id or rows.rules.awards_judge_workers) and wanted.ids:
        keep = keep | columns.ids.is_in(list(wanted.ids))
    if wanted.names:  # each distinct name compared once, not each row's
        hit = [n for n in columns.names.unique().to_list() if n and name_key(n) in wanted.names]
        keep = keep | columns.names.is_in(hit)
    out = []
    for i in keep.arg_true().to_list():
        f, s = columns.pairs[columns.pair[i]]
        name = columns.names[i] or None
        facts, service = columns.facts[f], columns.services[s]
        row = RosterRow(i + 2, columns.ids[i], name, columns.sites[i], facts, service)
        out.append(rows.worker(row))
    return out


def awards_columns(
    rows: RosterRows, columns: RosterColumns, wanted: Wanted
) -> tuple[list[Worker], Collection[str]]:
    """What `awards` needs of a roster (see `roster.workers_for_awards`), from its
    columns: the workers the passes name, by id or by name, and every id."""
    kept = _kept(engine(), rows, columns, wanted, every_id=True)
    return kept, columns.ids_in_order()
