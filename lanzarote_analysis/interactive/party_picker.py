"""The Party picker: type or pick any State and see its profile, text and figure."""

from __future__ import annotations

from typing import Any

from ..analysis.parties import normalise_name
from ..analysis.profile import DEFAULT_PARTY, PartyProfile, compute_party_profile
from ..i18n.labels import check_lang, get_label
from ..io.load import PathLike, load_parties
from ..output.profile_text import format_party_profile
from ..plots._base import get_root_figure
from ..plots.party_profile import plot_party_profile
from ..plots.theme import theme

#: Resolution of the profile figure shown by the picker (that of an inline figure).
PICKER_DPI = 100


def render_profile_png(profile: PartyProfile, *, lang: str = "en") -> bytes:
    """The profile figure as PNG bytes, drawn and closed at once (no pyplot state left)."""
    import io

    import matplotlib.pyplot as plt

    ax = plot_party_profile(profile, lang=lang)
    fig = get_root_figure(ax)
    try:
        buffer = io.BytesIO()
        with theme():
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
    (:func:`lanzarote_analysis.interactive.notebook_hooks.pre_save_hook`), so a reopened notebook
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
        from ..analysis.parties import load_non_parties
        from ..errors import NotAPartyError

        if isinstance(error, NotAPartyError):
            (row,) = [row for row in load_non_parties() if row["iso3"] == error.iso3]
            sentence = get_label("profile.picker.not_a_party", self.lang).format(
                name=row[f"name_{self.lang}"]
            )
            note = row[f"note_{self.lang}"]
            return f"{sentence} {note}".strip()
        query, suggestions = getattr(error, "query", ""), getattr(error, "suggestions", [])
        sentence = get_label("profile.picker.unknown", self.lang).format(query=query)
        if suggestions:
            sentence += " " + get_label("profile.picker.suggestions", self.lang).format(
                names=", ".join(suggestions)
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
