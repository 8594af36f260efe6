"""The plotting contract, seaborn's and geopandas', written once for every figure.

``plot_x(data=None, *, lang="en", data_dir=None, ax=None, **kwargs) -> Axes`` draws into
``ax`` or, when none is given, into a new figure of the report's size, under the theme
either way; it never shows, saves or closes the figure, and it passes ``kwargs`` to the
artist that draws its data. :func:`plot_function` makes such a function from one that
draws into an Axes; :data:`PLOT_DOCS` holds the docstring pieces they all share.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from ..i18n.labels import check_lang
from ._base import figure_frame, get_root_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from ..io.load import PathLike


#: The docstring pieces every plotting function shares: ``{params}`` (lang, data_dir, ax)
#: for any of them, and ``{parameters}`` (the whole Parameters and Returns sections) for
#: those made by :func:`plot_function`.
PLOT_DOCS = {
    "params": """lang
        ``"en"`` or ``"fr"``: the language of every text of the figure.
    data_dir
        Data directory; ``$LANZAROTE_DATA_DIR`` or the bundled data by default.
    ax
        Axes to draw into; when ``None``, a new figure of the report's size.""",
    "returns": """Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn into. Its figure is the caller's to show, save or close.""",
}
PLOT_PARAMETERS = """Parameters
    ----------
    data
        {data}
    {params}
    **kwargs
        Passed {kwargs}.

    {returns}"""

F = TypeVar("F", bound=Callable[..., Any])


def document_plot(function: F) -> F:
    """Fill :data:`PLOT_DOCS` into the ``{params}`` and ``{returns}`` of a docstring."""
    function.__doc__ = (function.__doc__ or "").format(**PLOT_DOCS)
    return function


class PlotFunction(Protocol):
    """The plotting contract: what every function made by :func:`plot_function` is."""

    __name__: str

    def __call__(
        self,
        data: pd.DataFrame | None = None,
        *,
        lang: str = "en",
        data_dir: PathLike = None,
        ax: Axes | None = None,
        **kwargs: Any,
    ) -> Axes: ...


def plot_function(
    *,
    figsize: tuple[float, float],
    data_doc: str,
    kwargs_doc: str,
    when_new: Callable[[Axes], None] | None = None,
) -> Callable[[Callable[..., None]], PlotFunction]:
    """Make a plotting function of the contract from a function that draws into an Axes.

    The decorated function, ``draw(ax, data, *, lang, data_dir, **kwargs)``, draws the
    figure's data and texts into ``ax`` (its parameters need no annotations: the
    function made from it is typed, as :class:`PlotFunction`). The plotting function made from it
    has the contract's signature, ``(data=None, *, lang="en", data_dir=None, ax=None,
    **kwargs) -> Axes``, and does what every figure does: it checks ``lang``, draws
    under the theme into ``ax`` or into a new figure of ``figsize`` (then calls
    ``when_new`` on it: a map fits the figure's height to itself), and returns ``ax``.
    ``draw``'s docstring documents it: its ``{parameters}`` become the Parameters and
    Returns sections, which say what ``data`` is (``data_doc``) and where ``kwargs``
    go (``kwargs_doc``).

    Examples
    --------
    >>> @plot_function(figsize=(4, 3), data_doc="nothing", kwargs_doc="nowhere")
    ... def plot_nothing(ax, data, *, lang, data_dir, **kwargs):
    ...     \"\"\"Nothing, for the example. {parameters}\"\"\"
    ...     ax.set_title(lang)
    >>> ax = plot_nothing(lang="fr")
    >>> ax.get_title(), ax.get_figure().get_size_inches().tolist()
    ('fr', [4.0, 3.0])
    >>> import inspect; print(inspect.signature(plot_nothing))  # doctest: +NORMALIZE_WHITESPACE
    (data: 'Any' = None, *, lang: 'str' = 'en', data_dir: 'PathLike' = None,
     ax: 'Axes | None' = None, **kwargs: 'Any') -> 'Axes'
    """

    def decorate(draw: Callable[..., None]) -> PlotFunction:
        def plot(
            data: Any = None,
            *,
            lang: str = "en",
            data_dir: PathLike = None,
            ax: Axes | None = None,
            **kwargs: Any,
        ) -> Axes:
            check_lang(lang)
            is_new = ax is None
            with figure_frame(ax, figsize) as frame_ax:
                try:
                    draw(frame_ax, data, lang=lang, data_dir=data_dir, **kwargs)
                    if is_new and when_new is not None:
                        when_new(frame_ax)
                except BaseException:
                    if is_new:  # bad data: no half-drawn figure is left open in pyplot
                        import matplotlib.pyplot as plt

                        plt.close(get_root_figure(frame_ax))
                    raise
            return frame_ax

        signature = inspect.signature(plot)
        for attribute in ("__module__", "__name__", "__qualname__"):
            setattr(plot, attribute, getattr(draw, attribute))
        what = f"What to draw: {data_doc}; computed from ``data_dir`` when ``None``."
        what = textwrap.fill(what, 80, subsequent_indent=" " * 8)
        parameters = PLOT_PARAMETERS.format(data=what, kwargs=kwargs_doc, **PLOT_DOCS)
        plot.__doc__ = (draw.__doc__ or "").format(parameters=parameters)
        # help() and inspect show the contract; doctest finds the examples of ``draw``.
        plot.__signature__ = signature  # type: ignore[attr-defined]
        plot.__wrapped__ = draw  # type: ignore[attr-defined]
        return cast(PlotFunction, plot)

    return decorate
