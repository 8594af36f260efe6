"""Everything chapter VII says about one Party: gap, recommendations, practices, sources.

The profile keeps three situations apart, because confusing them would misreport a
State: a covered Party that a recommendation did not name (*not received*), a State
whose participation in the round is unconfirmed (*not known*: nothing was assessed as
far as our sources go) and a State the round did not cover (*not covered*).

Matplotlib and ipywidgets are imported inside the functions that draw, so the command
line can print a profile without loading them.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from .gaps import compute_civil_society_gaps, get_gap_labels
from .labels import LANGUAGES, check_lang, get_label, get_labels, get_subregion_label
from .load import (
    PathLike,
    load_addressees,
    load_country_groups,
    load_parties,
    load_practices,
    load_recommendations,
)
from .parties import resolve_party

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The Party a profile shows when none is named (the notebooks' default example).
DEFAULT_PARTY = "MLT"

#: What a Party's profile says about each recommendation, in display order.
STATUSES = ("received", "not_received", "not_known", "not_covered")
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES), ordered=False)

FORMATS = ("text", "markdown", "csv")
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

#: Default report size of the profile figure (inches).
FIGSIZE = (6.4, 3.6)
#: Height kept free for the source line at the bottom of the figure (points).
SOURCE_LINE_POINTS = 16


@dataclass(frozen=True)
class PartyProfile:
    """What chapter VII says about one State, as small tables.

    Attributes
    ----------
    iso3
        The State's ISO 3166-1 alpha-3 code.
    identity
        One row: names, ``round2_coverage``, dates, EU membership, UN M49 sub-region
        and the source of the coverage.
    gap
        One row of :func:`~lanzarote_analysis.gaps.compute_civil_society_gaps`.
    recommendations
        The seven recommendations (index ``rec_id``): level, scope, theme, summaries in
        English and French, ``is_received`` (``<NA>`` where nothing was assessed),
        ``status`` (received, not_received, not_known, not_covered) and ``source``.
    practices
        Promising practices and national children's-rights bodies of the State.
    """

    iso3: str
    identity: pd.DataFrame
    gap: pd.DataFrame
    recommendations: pd.DataFrame
    practices: pd.DataFrame

    @property
    def coverage(self) -> str:
        """``covered``, ``unconfirmed`` or ``not_covered``."""
        return str(self.identity["round2_coverage"].iloc[0])

    @property
    def is_covered(self) -> bool:
        return self.coverage == "covered"

    def get_name(self, lang: str = "en") -> str:
        """The State's name in ``lang``."""
        return str(self.identity[f"name_{check_lang(lang)}"].iloc[0])


def compute_party_profile(party: str, *, data_dir: PathLike = None) -> PartyProfile:
    """Gather everything chapter VII says about one State.

    Parameters
    ----------
    party
        Any code, name or alias that :func:`~lanzarote_analysis.parties.resolve_party`
        accepts ("Malta", "MLT", "malte").
    data_dir
        Data directory; default as :func:`~lanzarote_analysis.paths.get_data_dir`.

    Raises
    ------
    UnknownPartyError
        When ``party`` matches no State; it carries the closest names as suggestions.

    Examples
    --------
    >>> profile = compute_party_profile("malte")
    >>> profile.recommendations["status"].value_counts()["received"].item()
    6
    >>> compute_party_profile("Norway").recommendations["status"].unique().tolist()
    ['not_known']
    """
    # Load inputs.
    iso3 = resolve_party(party, data_dir=data_dir)
    parties = load_parties(data_dir)
    groups = load_country_groups(data_dir)
    recommendations = load_recommendations(data_dir)
    addressees = load_addressees(data_dir).reset_index()
    practices = load_practices(data_dir)
    gaps = compute_civil_society_gaps(data_dir)

    # Identity: who the State is and whether the round covered it.
    identity = parties.loc[
        [iso3],
        [
            "name_en",
            "name_fr",
            "round2_coverage",
            "is_coe_member_at_adoption",
            "party_since",
            "source",
        ],
    ]
    identity = identity.join(groups[["is_eu_member_at_adoption", "un_m49_subregion"]])
    coverage = str(identity["round2_coverage"].iloc[0])

    # Recommendations: received, not received, or not assessed at all.
    recs = recommendations[["level", "scope", "theme", "summary_en", "summary_fr"]].copy()
    named = addressees[addressees["iso3"].eq(iso3)].set_index("rec_id")["source"]
    list_sources = addressees.groupby("rec_id")["source"].agg(lambda s: "|".join(s.unique()))
    is_listed = recs["scope"].eq("listed")
    is_named = recs.index.isin(named.index)
    if coverage == "covered":
        received = (~is_listed) | is_named
        recs["is_received"] = pd.array(received, dtype="boolean")
        recs["status"] = ["received" if r else "not_received" for r in received]
        # A listed recommendation's evidence is its list of Parties, named there or not.
        recs["source"] = recommendations["source"].where(
            ~is_listed, list_sources.reindex(recs.index).fillna(recommendations["source"])
        )
    else:
        recs["is_received"] = pd.array([pd.NA] * len(recs), dtype="boolean")
        recs["status"] = "not_known" if coverage == "unconfirmed" else "not_covered"
        # The evidence is what we know of the State's coverage.
        recs["source"] = identity["source"].iloc[0]
    recs["status"] = recs["status"].astype(STATUS_DTYPE)

    own_practices = practices[practices["iso3"].eq(iso3)]
    return PartyProfile(
        iso3=iso3,
        identity=identity,
        gap=gaps.loc[[iso3], ["lacks_involvement", "lacks_financing", "gap"]],
        recommendations=recs,
        practices=own_practices[
            ["kind", "instrument", "years", "summary_en", "summary_fr", "source"]
        ],
    )


def _as_profile(party: str | PartyProfile | None, data_dir: PathLike) -> PartyProfile:
    if isinstance(party, PartyProfile):
        return party
    return compute_party_profile(DEFAULT_PARTY if party is None else party, data_dir=data_dir)


def _flag(value: object, lang: str) -> str:
    words = get_labels("value", lang)
    if pd.isna(value):
        return words["missing"]
    return words["true"] if value else words["false"]


def tabulate_party_profile(profile: PartyProfile, *, lang: str = "en") -> pd.DataFrame:
    """The recommendations and practices of a profile as one table, labelled in ``lang``.

    One row per recommendation (level, scope, status) then one per practice; the
    columns are named in ``lang``.

    Examples
    --------
    >>> table = tabulate_party_profile(compute_party_profile("MLT"), lang="fr")
    >>> table.loc["VII-2", "Statut"]
    'Reçue'
    """
    check_lang(lang)
    columns = get_labels("profile.column", lang)
    levels = get_labels("level", lang)
    scopes = get_labels("scope", lang)
    statuses = get_labels("profile.status", lang)
    kinds = get_labels("kind", lang)
    recs = profile.recommendations
    rows = [
        {
            "item": rec_id,
            "kind": get_label("profile.item.recommendation", lang),
            "level": levels[row.level],
            "scope": scopes[row.scope],
            "status": statuses[row.status],
            "summary": getattr(row, f"summary_{lang}"),
            "source": row.source,
        }
        for rec_id, row in zip(recs.index, recs.itertuples(index=False), strict=True)
    ]
    for practice_id, row in profile.practices.iterrows():
        summary = row[f"summary_{lang}"]
        if isinstance(row["instrument"], str):
            summary = f"{row['instrument']}: {summary}"
        rows.append(
            {
                "item": practice_id,
                "kind": kinds[row["kind"]],
                "level": "",
                "scope": "",
                "status": "",
                "summary": summary,
                "source": row["source"],
            }
        )
    table = pd.DataFrame(rows).set_index("item")
    table.index.name = columns["item"]
    return table.rename(columns=columns)


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


def _get_subregion_label(subregion: object, lang: str) -> str:
    if pd.isna(subregion):
        return get_label("value.missing", lang)
    return get_subregion_label(str(subregion), lang)


def _identity_lines(profile: PartyProfile, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs describing the State and its gap."""
    labels = get_labels("profile.field", lang)
    row = profile.identity.iloc[0]
    gap = profile.gap.iloc[0]
    pairs = [
        (labels["coverage"], get_label(f"coverage.{profile.coverage}", lang)),
        (labels["coverage_source"], row["source"].replace("|", ", ")),
    ]
    if pd.notna(row["party_since"]):
        pairs.append((labels["party_since"], row["party_since"].strftime("%Y-%m-%d")))
    pairs += [
        (labels["eu_member"], _flag(row["is_eu_member_at_adoption"], lang)),
        (labels["subregion"], _get_subregion_label(row["un_m49_subregion"], lang)),
        (labels["gap"], get_gap_labels(lang)[str(gap["gap"])]),
        (get_label("column.lacks_involvement", lang), _flag(gap["lacks_involvement"], lang)),
        (get_label("column.lacks_financing", lang), _flag(gap["lacks_financing"], lang)),
    ]
    return pairs


def _format_markdown(profile: PartyProfile, lang: str) -> str:
    labels = get_labels("profile.heading", lang)
    lines = [f"## {profile.get_name(lang)} ({profile.iso3})", ""]
    lines += [" ".join(_coverage_sentences(profile, lang)), ""]
    lines += [
        f"- **{label}**: {value}" if lang == "en" else f"- **{label}** : {value}"
        for label, value in _identity_lines(profile, lang)
    ]
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
        lines.append(f"- *{row[1]}*: {row[5]} ({row[6]})")
    return "\n".join(lines) + "\n"


def _format_text(profile: PartyProfile, lang: str) -> str:
    labels = get_labels("profile.heading", lang)
    colon = ":" if lang == "en" else " :"
    wrap = textwrap.TextWrapper(width=88, subsequent_indent="  ")
    title = f"{profile.get_name(lang)} ({profile.iso3})"
    lines = [title, "=" * len(title)]
    lines += wrap.wrap(" ".join(_coverage_sentences(profile, lang)))
    lines.append("")
    pairs = _identity_lines(profile, lang)
    width = max(len(label) for label, _ in pairs)
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
    >>> text = format_party_profile(compute_party_profile("Norway"))
    >>> "not known from our sources" in text
    True
    >>> row = format_party_profile(compute_party_profile("MLT"), fmt="csv").splitlines()[2]
    >>> row.split(",")[4:9]
    ['recommendation', 'VII-2', 'request', 'listed', 'received']
    """
    check_lang(lang)
    if fmt == "text":
        return _format_text(profile, lang)
    if fmt == "markdown":
        return _format_markdown(profile, lang)
    if fmt == "csv":
        return _format_csv(profile, lang)
    raise ValueError(f"Unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def plot_party_profile(
    party: str | PartyProfile | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the seven recommendations of chapter VII for one State, coloured by level.

    A received recommendation is filled with the colour of its level; one the Committee
    did not address to the Party is pale; for a State whose coverage is unconfirmed or
    which the round did not cover, every cell is hatched and says so.

    Parameters
    ----------
    party
        A name or code (see :func:`compute_party_profile`) or a computed
        :class:`PartyProfile`; ``None`` draws the default example, Malta.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; default as :func:`~lanzarote_analysis.paths.get_data_dir`.
    ax
        Axes to draw on; a figure of the report size is created when ``None``.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_party_profile("malte", lang="fr")
    >>> ax.get_title(loc="left")
    'Malte : recommandations du chapitre VII'
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from . import style

    check_lang(lang)
    profile = _as_profile(party, data_dir)
    recs = profile.recommendations
    themes = get_labels("theme", lang)
    levels = get_labels("level", lang)
    statuses = get_labels("profile.status", lang)
    name = profile.get_name(lang)

    with style.theme():
        if ax is None:
            figure, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
            # Keep a strip at the bottom for the source line, outside the layout.
            bottom = SOURCE_LINE_POINTS / 72 / FIGSIZE[1]
            figure.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))

        # One cell per recommendation, VII-1 at the top: the cell names its theme, its
        # fill says whether the Party received it, the text on the right says so in words.
        y = list(range(len(recs)))[::-1]
        for row_y, (_, row) in zip(y, recs.iterrows(), strict=True):
            status = row["status"]
            if status == "received":
                face, edge, hatch = style.LEVEL_COLOURS[row["level"]], "none", None
            elif status == "not_received":
                face, edge, hatch = style.NOT_ADDRESSED_COLOUR, style.OUTLINE_COLOUR, None
            else:
                face, edge, hatch = "white", style.UNCONFIRMED_EDGE, "////"
            ax.barh(
                row_y,
                1.0,
                left=0.0,
                height=0.78,
                color=face,
                edgecolor=edge,
                hatch=hatch,
                linewidth=0.6,
                **kwargs,
            )
            is_dark = status == "received" and row["level"] != "invite"
            ax.text(
                0.03,
                row_y,
                themes[row["theme"]],
                ha="left",
                va="center",
                fontsize=8,
                color="white" if is_dark else style.TEXT_COLOUR,
                bbox=None
                if hatch is None
                else {"facecolor": "white", "edgecolor": "none", "pad": 1.0},
            )
            ax.text(
                1.03,
                row_y,
                statuses[status],
                ha="left",
                va="center",
                fontsize=8,
                fontweight="bold" if status == "received" else "normal",
                color=style.TEXT_COLOUR,
            )
        ax.set_yticks(y, list(recs.index))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, 1.3)
        ax.set_ylim(-0.6, len(recs) - 0.4)
        ax.set_xticks([])
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)

        # Legend: the levels, then what a pale or hatched cell means.
        handles = [
            Patch(facecolor=style.LEVEL_COLOURS[level], label=levels[level])
            for level in style.LEVEL_COLOURS
        ]
        handles.append(
            Patch(
                facecolor=style.NOT_ADDRESSED_COLOUR,
                edgecolor=style.OUTLINE_COLOUR,
                linewidth=0.6,
                label=statuses["not_received"],
            )
        )
        if not profile.is_covered:
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor=style.UNCONFIRMED_EDGE,
                    hatch="////",
                    linewidth=0.6,
                    label=statuses[str(recs["status"].iloc[0])],
                )
            )
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, 0.0),
            ncols=len(handles),
            handlelength=1.2,
            columnspacing=1.0,
            borderaxespad=0.2,
        )

        if profile.is_covered:
            gap_label = get_gap_labels(lang)[str(profile.gap["gap"].iloc[0])]
            subtitle = get_label("profile.figure.subtitle", lang).format(
                coverage=get_label("coverage.covered", lang), gap=gap_label.lower()
            )
        else:
            subtitle = get_label(f"profile.figure.subtitle_{profile.coverage}", lang)
        style.annotate(
            ax,
            title=get_label("profile.figure.title", lang).format(name=name),
            subtitle=subtitle,
            source=get_label("profile.figure.source", lang),
        )
        ax.texts[-1].set_in_layout(False)
    return ax


class PartyPicker:
    """A dropdown of States that shows the picked State's profile below it.

    Displayed by a live kernel, it is an ipywidgets dropdown; anywhere else (a saved
    notebook, nbval, a static export) it shows as a line of text and HTML, so a stored
    notebook holds no widget state.
    """

    def __init__(self, party: str, *, lang: str = "en", data_dir: PathLike = None) -> None:
        import ipywidgets as widgets

        self.lang = check_lang(lang)
        self.data_dir = data_dir
        iso3 = resolve_party(party, data_dir=data_dir)
        parties = load_parties(data_dir).sort_values(f"name_{lang}")
        self.dropdown = widgets.Dropdown(
            options=[(name, code) for code, name in parties[f"name_{lang}"].items()],
            value=iso3,
            description=get_label("profile.picker.label", lang),
        )
        self.output = widgets.Output()
        self.dropdown.observe(self._show, names="value")
        self.widget = widgets.VBox([self.dropdown, self.output])

    def _show(self, change: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt
        from IPython.display import Markdown, display

        profile = compute_party_profile(change["new"], data_dir=self.data_dir)
        self.output.clear_output(wait=True)
        with self.output:
            display(Markdown(format_party_profile(profile, lang=self.lang, fmt="markdown")))
            ax = plot_party_profile(profile, lang=self.lang)
            # Shown once, here, rather than again by the inline backend after the cell.
            display(ax.figure)
            plt.close(ax.figure)

    def _static_text(self) -> str:
        name = self.dropdown.label
        return get_label("profile.picker.static", self.lang).format(name=name)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        text = self._static_text()
        bundle["text/plain"] = text
        bundle["text/html"] = f"<p><em>{text}</em></p>"
        return bundle


def build_party_picker(
    party: str = DEFAULT_PARTY, *, lang: str = "en", data_dir: PathLike = None
) -> PartyPicker:
    """A dropdown to pick a State and see its profile (run interactively in JupyterLab).

    Examples
    --------
    >>> build_party_picker("Malta")._static_text()
    'Party picker (starts at Malta): run this notebook in JupyterLab to pick another Party.'
    """
    return PartyPicker(party, lang=lang, data_dir=data_dir)


def add_profile_command(
    commands: argparse._SubParsersAction, common: list[argparse.ArgumentParser]
) -> None:
    """Add the ``profile`` subcommand to the command line."""
    parser = commands.add_parser(
        "profile",
        parents=common,
        help="everything chapter VII says about one State",
        description="Print the profile of one State: coverage by the round, civil society "
        "gap, the seven recommendations (received, not received, or not known "
        "where the round did not assess the State) with their level and "
        "source, and its promising practices. PARTY is any code, name or "
        "alias: Malta, MLT, malte.",
    )
    parser.add_argument("party", metavar="PARTY", help="ISO code, English or French name")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of names, labels and summaries (default: en)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), markdown, or csv (codes, one row per item)",
    )
    parser.set_defaults(handler=run_profile_command)


def run_profile_command(args: argparse.Namespace) -> int:
    """Handler of ``lanzarote-analysis profile``; unknown States raise UnknownPartyError."""
    profile = compute_party_profile(args.party, data_dir=args.data_dir)
    sys.stdout.write(format_party_profile(profile, lang=args.lang, fmt=args.format))
    return 0
