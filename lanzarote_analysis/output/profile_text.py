"""A profile as text, Markdown or CSV, and the ``profile`` command that prints it."""

from __future__ import annotations

import csv
import io
import textwrap

from ..analysis.profile import (
    PartyProfile,
    tabulate_party_identity,
    tabulate_party_profile,
)
from ..i18n.labels import check_lang, get_label, get_labels
from ..i18n.typography import get_colon
from ..vocabulary import PROFILE_FORMATS, check_choice

#: Labels up to this length have their values aligned in the text format.
ALIGNED_LABEL_WIDTH = 40
CSV_COLUMNS = (
    "iso3",
    "name",
    "coverage",
    "gap",
    "item",
    "item_id",
    "level",
    "scope",
    "status",
    "summary",
    "source",
)


def _coverage_sentences(profile: PartyProfile, lang: str) -> list[str]:
    name = profile.get_name(lang)
    sentences = [get_label(f"profile.coverage.{profile.coverage}", lang).format(name=name)]
    if not profile.is_covered:
        sentences.append(
            get_label(f"profile.recommendations.{profile.coverage}", lang).format(name=name)
        )
    return sentences


def _format_csv(profile: PartyProfile, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    head = [profile.iso3, profile.get_name(lang), profile.coverage, str(profile.gap["gap"].iloc[0])]
    for rec_id, row in profile.recommendations.iterrows():
        writer.writerow(
            [
                *head,
                "recommendation",
                rec_id,
                row["level"],
                row["scope"],
                row["status"],
                row[f"summary_{lang}"],
                row["source"],
            ]
        )
    for practice_id, row in profile.practices.iterrows():
        writer.writerow(
            [*head, row["kind"], practice_id, "", "", "", row[f"summary_{lang}"], row["source"]]
        )
    return out.getvalue()


def _identity_lines(profile: PartyProfile, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs describing the State and its gap."""
    return list(tabulate_party_identity(profile, lang=lang).iloc[:, 0].items())


def _format_markdown(profile: PartyProfile, lang: str) -> str:
    labels = get_labels("profile.heading", lang)
    lines = [f"## {profile.get_name(lang)} ({profile.iso3})", ""]
    lines += [" ".join(_coverage_sentences(profile, lang)), ""]
    colon = get_colon(lang)
    lines += [f"- **{label}**{colon}{value}" for label, value in _identity_lines(profile, lang)]
    table = tabulate_party_profile(profile, lang=lang).reset_index()
    recs = table.iloc[: len(profile.recommendations)]
    lines += ["", f"### {labels['recommendations']}", ""]
    lines.append(
        "| " + " | ".join(recs.columns.drop(get_label("profile.column.kind", lang))) + " |"
    )
    lines.append("|" + "---|" * (len(recs.columns) - 1))
    for row in recs.drop(columns=get_label("profile.column.kind", lang)).itertuples(index=False):
        lines.append("| " + " | ".join(str(v).replace("|", ", ") for v in row) + " |")
    lines += ["", f"### {labels['practices']}", ""]
    if profile.practices.empty:
        lines.append(get_label("profile.no_practices", lang))
    for row in table.iloc[len(profile.recommendations) :].itertuples(index=False):
        lines.append(f"- *{row[1]}*. {row[5]} ({row[6]})")
    return "\n".join(lines) + "\n"


def _format_text(profile: PartyProfile, lang: str) -> str:
    labels = get_labels("profile.heading", lang)
    colon = get_colon(lang).rstrip()
    wrap = textwrap.TextWrapper(width=88, subsequent_indent="  ")
    title = f"{profile.get_name(lang)} ({profile.iso3})"
    lines = [title, "=" * len(title)]
    lines += wrap.wrap(" ".join(_coverage_sentences(profile, lang)))
    lines.append("")
    pairs = _identity_lines(profile, lang)
    # Align the values of the short labels; the long ones (what VII-1 and VII-2 ask) run on.
    width = max(len(label) for label, _ in pairs if len(label) <= ALIGNED_LABEL_WIDTH)
    lines += [f"{label + colon:<{width + len(colon)}} {value}" for label, value in pairs]
    lines += ["", labels["recommendations"], "-" * len(labels["recommendations"])]
    table = tabulate_party_profile(profile, lang=lang)
    detail = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    for rec_id, row in table.iloc[: len(profile.recommendations)].iterrows():
        cells = [str(v) for v in row.iloc[1:4]]
        lines.append(f"{rec_id}  " + " | ".join(cells))
        lines += detail.wrap(str(row.iloc[4]))
        lines += detail.wrap(f"[{row.iloc[5]}]")
    lines += ["", labels["practices"], "-" * len(labels["practices"])]
    if profile.practices.empty:
        lines.append(get_label("profile.no_practices", lang))
    for practice_id, row in table.iloc[len(profile.recommendations) :].iterrows():
        lines.append(f"{practice_id} ({row.iloc[0]})")
        lines += detail.wrap(str(row.iloc[4]))
        lines += detail.wrap(f"[{row.iloc[5]}]")
    return "\n".join(lines) + "\n"


def format_party_profile(profile: PartyProfile, *, lang: str = "en", fmt: str = "text") -> str:
    """Render a profile as plain text, Markdown or CSV (codes, one row per item).

    Examples
    --------
    >>> from lanzarote_analysis import compute_party_profile
    >>> text = format_party_profile(compute_party_profile("Norway"))
    >>> "not known from our sources" in text
    True
    >>> row = format_party_profile(compute_party_profile("MLT"), fmt="csv").splitlines()[2]
    >>> row.split(",")[4:9]
    ['recommendation', 'VII-2', 'request', 'listed', 'addressed']
    """
    check_lang(lang)
    formatters = {"text": _format_text, "markdown": _format_markdown, "csv": _format_csv}
    return formatters[check_choice(fmt, PROFILE_FORMATS, what="format")](profile, lang)
