"""A profile as a small figure, and the dropdown that picks the State to show.

Matplotlib and ipywidgets are imported inside the functions that draw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..gaps import get_gap_labels
from ..labels import check_lang, get_label, get_labels
from ..load import (
    PathLike,
    load_parties,
)
from ..parties import normalise_name, resolve_party

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from .compute import DEFAULT_PARTY, PartyProfile, _as_profile, compute_party_profile
from .text import format_party_profile

#: Default report size of the profile figure (inches).
FIGSIZE = (6.4, 3.6)


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

    from .. import style

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
        parties = load_parties(data_dir).sort_values(
            f"name_{lang}", key=lambda s: s.map(normalise_name)
        )
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
