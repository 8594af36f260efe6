"""A profile as a small figure, and the picker that shows any State's profile.

Matplotlib and ipywidgets are imported inside the functions that draw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..gaps import get_gap_labels
from ..labels import check_lang, get_label, get_labels
from ..load import (
    PathLike,
    load_parties,
)
from ..parties import normalise_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from .compute import DEFAULT_PARTY, PartyProfile, _as_profile, compute_party_profile
from .text import format_party_profile

#: Default report size of the profile figure (inches).
FIGSIZE = (6.4, 3.6)
#: Characters per line of a theme written in its cell.
THEME_WIDTH = 62


def plot_party_profile(
    party: str | PartyProfile | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the seven recommendations of chapter VII for one State, coloured by level.

    Cells take the report's palette (``style.PALETTE``), as in the matrix and on the
    maps: a received recommendation is filled with the swatch of its level; one whose
    footnote does not name the Party with ``rec.not_named``; for a State whose coverage
    is unconfirmed every cell is hatched (``coverage.unconfirmed``), and for a State the
    round did not cover every cell is grey (``coverage.not_covered``).

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
    'Malte\\u202f: recommandations du chapitre VII'
    >>> plt.close(ax.figure)
    """
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from .. import style

    # Status → palette concept, for the cells a level does not colour.
    concepts = {
        "not_received": "rec.not_named",
        "not_known": "coverage.unconfirmed",
        "not_covered": "coverage.not_covered",
    }

    check_lang(lang)
    profile = _as_profile(party, data_dir)
    recs = profile.recommendations
    themes = get_labels("theme", lang)
    levels = get_labels("level", lang)
    statuses = get_labels("profile.status", lang)
    name = profile.get_name(lang)

    with style.theme():
        if ax is None:
            _, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")

        # One cell per recommendation, VII-1 at the top: the cell names its theme, its
        # fill says whether the Party received it, the text on the right says so in words.
        y = list(range(len(recs)))[::-1]
        for row_y, (_, row) in zip(y, recs.iterrows(), strict=True):
            status = row["status"]
            if status == "received":
                swatch = style.get_swatch(f"level.{row['level']}")
                face, edge, hatch = swatch.colour, "none", None
            else:
                swatch = style.get_swatch(concepts[status])
                face, edge, hatch = swatch.colour, swatch.edge or style.OUTLINE_COLOUR, swatch.hatch
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
            # Long themes (the one spelling out CSGSIV) take two lines inside their cell.
            ax.text(
                0.03,
                row_y,
                textwrap.fill(themes[row["theme"]], THEME_WIDTH),
                ha="left",
                va="center",
                fontsize=8,
                linespacing=1.0,
                color=style.TEXT_ON_DARK_COLOUR if is_dark else style.TEXT_COLOUR,
                bbox=None
                if hatch is None
                else {"facecolor": style.BACKGROUND_COLOUR, "edgecolor": "none", "pad": 1.0},
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
            Patch(facecolor=style.get_swatch(f"level.{level}").colour, label=levels[level])
            for level in (c.removeprefix("level.") for c in style.PALETTE if c.startswith("level."))
        ]
        shown = ["not_received"] if profile.is_covered else [str(recs["status"].iloc[0])]
        for status in shown:
            swatch = style.get_swatch(concepts[status])
            handles.append(
                Patch(
                    facecolor=swatch.colour,
                    edgecolor=swatch.edge or style.OUTLINE_COLOUR,
                    hatch=swatch.hatch,
                    linewidth=0.6,
                    label=statuses[status],
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
                coverage=get_label("coverage.covered", lang),
                gap=gap_label[0].lower() + gap_label[1:],  # "named by VII-2 only"
            )
        else:
            subtitle = get_label(f"profile.figure.subtitle_{profile.coverage}", lang)
        style.annotate(
            ax,
            title=get_label("profile.figure.title", lang).format(name=name),
            subtitle=subtitle,
            source=get_label("profile.figure.source", lang),
        )
    return ax


#: Resolution of the profile figure shown by the picker (that of an inline figure).
PICKER_DPI = 100


def render_profile_png(profile: PartyProfile, *, lang: str = "en") -> bytes:
    """The profile figure as PNG bytes, drawn and closed at once (no pyplot state left)."""
    import io

    import matplotlib.pyplot as plt

    from .. import style

    ax = plot_party_profile(profile, lang=lang)
    fig = ax.get_figure(root=True)
    try:
        buffer = io.BytesIO()
        with style.theme():
            fig.savefig(buffer, format="png", dpi=PICKER_DPI, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _display_output(data: dict[str, str]) -> dict[str, Any]:
    return {"output_type": "display_data", "data": data, "metadata": {}}


class PartyPicker:
    """A box to type or pick a State, with the State's profile (text and figure) below it.

    Displayed by a live kernel, it is an ipywidgets ``Combobox``: type a name or code in
    either language (``resolve_party`` reads it) and press Enter, or pick a name from
    the list. The starting State's profile is there from the start. Unknown names,
    and States that are not Parties (Kosovo*, Belarus), get a sentence saying so.

    Anywhere else (a saved notebook, nbval, a static export, GitHub) the same output
    shows the starting State's profile as HTML, with its figure: a notebook stored
    without widget state (JupyterLab's default) keeps something to show. ``make lab``
    also saves notebooks without the widget views that need a running kernel
    (:func:`lanzarote_analysis.notebook_hooks.pre_save_hook`), so a reopened notebook
    shows that static profile instead of "Error displaying widget: model not found".
    """

    def __init__(self, party: str, *, lang: str = "en", data_dir: PathLike = None) -> None:
        import ipywidgets as widgets

        self.lang = check_lang(lang)
        self.data_dir = data_dir
        self.start = compute_party_profile(party, data_dir=data_dir)
        parties = load_parties(data_dir).sort_values(
            f"name_{lang}", key=lambda s: s.map(normalise_name)
        )
        self.options = list(parties[f"name_{lang}"])
        self.combobox = widgets.Combobox(
            value=self.start.get_name(lang),
            options=self.options,
            placeholder=get_label("profile.picker.placeholder", lang),
            description=get_label("profile.picker.label", lang),
            ensure_option=False,
            layout=widgets.Layout(width="24em"),
        )
        self.message = widgets.HTML()
        self.output = widgets.Output()
        self.profile: PartyProfile | None = None
        self.combobox.observe(self._on_value, names="value")
        self.combobox.on_msg(self._on_message)
        self.widget = widgets.VBox([self.combobox, self.message, self.output])
        self.show(self.start)

    def _on_value(self, change: dict[str, Any]) -> None:
        # A name of the list, picked or typed in full, shows at once; anything else
        # (a code, an alias, the other language, a typo) waits for Enter, so that no
        # half-typed name flashes a message or another State's profile.
        if change["new"] in self.options:
            self.show(change["new"])

    def _on_message(self, widget: Any, content: dict[str, Any], buffers: Any) -> None:
        if content.get("event") == "submit":  # Enter in the box
            self.show(widget.value)

    def show(self, party: str | PartyProfile) -> None:
        """Show the profile of ``party`` (any name or code), or say why there is none."""
        import base64
        import html

        from ..errors import UnknownPartyError

        try:
            profile = (
                party
                if isinstance(party, PartyProfile)
                else compute_party_profile(party, data_dir=self.data_dir)
            )
        except UnknownPartyError as error:
            # No profile under a name that is not a Party's: it would be read as that name's.
            self.message.value = f"<p>{html.escape(self._explain(error), quote=False)}</p>"
            self.output.outputs = ()
            self.profile = None
            return
        self.message.value = ""
        if self.profile is not None and profile.iso3 == self.profile.iso3:
            return
        self.profile = profile
        text = format_party_profile(profile, lang=self.lang, fmt="markdown")
        png = render_profile_png(profile, lang=self.lang)
        name = profile.get_name(self.lang)
        # One assignment of the Output's state: the text and the complete figure arrive
        # together, never a half-drawn figure or an empty box in between.
        self.output.outputs = (
            _display_output({"text/markdown": text, "text/plain": text}),
            _display_output(
                {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": name}
            ),
        )
        # The box then names the State shown ("mk" becomes "North Macedonia").
        self.combobox.value = name

    def _explain(self, error: Exception) -> str:
        """Why ``error``'s input shows no profile, in the picker's language."""
        from ..errors import NotAPartyError
        from ..parties import load_non_parties

        if isinstance(error, NotAPartyError):
            (row,) = [row for row in load_non_parties() if row["iso3"] == error.iso3]
            sentence = get_label("profile.picker.not_a_party", self.lang).format(
                name=row[f"name_{self.lang}"]
            )
            note = row[f"note_{self.lang}"]
            return f"{sentence} {note}".strip()
        sentence = get_label("profile.picker.unknown", self.lang).format(query=error.query)
        if error.suggestions:
            sentence += " " + get_label("profile.picker.suggestions", self.lang).format(
                names=", ".join(error.suggestions)
            )
        return sentence

    def _static_text(self) -> str:
        return get_label("profile.picker.static", self.lang).format(
            name=self.start.get_name(self.lang)
        )

    def _static_html(self) -> str:
        """The starting State's profile as HTML, for wherever no kernel runs."""
        import base64
        import html

        text = format_party_profile(self.start, lang=self.lang, fmt="text")
        png = base64.b64encode(render_profile_png(self.start, lang=self.lang)).decode("ascii")
        name = html.escape(self.start.get_name(self.lang))
        return (
            f"<p><em>{html.escape(self._static_text())}</em></p>\n"
            f"<pre>{html.escape(text)}</pre>\n"
            f'<img src="data:image/png;base64,{png}" alt="{name}">'
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self._static_text()
        bundle["text/html"] = self._static_html()
        return bundle


def build_party_picker(
    party: str = DEFAULT_PARTY, *, lang: str = "en", data_dir: PathLike = None
) -> PartyPicker:
    """A box to type or pick a State and see its profile (live in JupyterLab).

    Examples
    --------
    >>> picker = build_party_picker("Malta")
    >>> picker._static_text()
    'Party picker (starts at Malta): run this notebook in JupyterLab to pick another Party.'
    >>> picker.show("Kosovo")
    >>> print(picker.message.value)  # doctest: +ELLIPSIS
    <p>Kosovo* is not a Party to the Lanzarote Convention: ... status of Kosovo.</p>
    >>> picker.profile is None, picker.output.outputs
    (True, ())
    >>> picker.show("mt")
    >>> picker.profile.get_name(), picker.message.value
    ('Malta', '')
    """
    return PartyPicker(party, lang=lang, data_dir=data_dir)
