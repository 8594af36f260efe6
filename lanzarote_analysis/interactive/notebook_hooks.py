"""Saving notebooks without widget views that cannot outlive their kernel.

A widget's view in a cell output points at a model that lives in the kernel. JupyterLab
stores the models in the notebook only when asked to ("Save Widget State
Automatically", off by default), so once the kernel is gone a stored view can only show
"Error displaying widget: model not found". Our widgets (the party picker) put a static
rendering beside their view in the same output; removing the view when saving lets a
reopened notebook show that rendering instead, while the open notebook keeps its live
widget. ``make lab`` installs :func:`pre_save_hook` in the Jupyter server.
"""

from __future__ import annotations

from typing import Any

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIMETYPE = "application/vnd.jupyter.widget-state+json"


def strip_widget_views(nb: dict[str, Any]) -> int:
    """Remove the widget views whose model ``nb`` does not store; return how many.

    Examples
    --------
    >>> view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    >>> output = {"output_type": "display_data", "metadata": {},
    ...           "data": {"text/plain": "Picker", WIDGET_VIEW_MIMETYPE: view}}
    >>> nb = {"metadata": {}, "cells": [{"cell_type": "code", "outputs": [output]}]}
    >>> strip_widget_views(nb), output["data"]
    (1, {'text/plain': 'Picker'})
    """
    stored = (nb.get("metadata") or {}).get("widgets", {}).get(WIDGET_STATE_MIMETYPE, {})
    models = set((stored.get("state") or {}).keys())
    removed = 0
    for cell in nb.get("cells") or []:
        for output in cell.get("outputs") or []:
            data = output.get("data") or {}
            view = data.get(WIDGET_VIEW_MIMETYPE)
            if view is not None and view.get("model_id") not in models:
                del data[WIDGET_VIEW_MIMETYPE]
                removed += 1
    return removed


def pre_save_hook(model: dict[str, Any], **kwargs: Any) -> None:
    """A Jupyter server ``ContentsManager.pre_save_hook``: strip views from notebooks.

    ``jupyter lab --ContentsManager.pre_save_hook=\\
    lanzarote_analysis.interactive.notebook_hooks.pre_save_hook``
    """
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_views(model["content"])
