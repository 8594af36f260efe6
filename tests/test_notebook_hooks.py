"""Notebooks saved without the widget views that need the kernel that made them."""

from __future__ import annotations

import re

from lanzarote_analysis.interactive import notebook_hooks
from lanzarote_analysis.interactive.notebook_hooks import (
    WIDGET_STATE_MIMETYPE,
    WIDGET_VIEW_MIMETYPE,
)
from lanzarote_analysis.io.paths import PROJECT_DIR


def widget_output(model_id: str) -> dict:
    view = {"model_id": model_id, "version_major": 2, "version_minor": 0}
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "text/plain": "Picker",
            "text/html": "<pre>Malta</pre>",
            WIDGET_VIEW_MIMETYPE: view,
        },
    }


def notebook(*outputs, state=None) -> dict:
    metadata = {}
    if state is not None:
        metadata["widgets"] = {WIDGET_STATE_MIMETYPE: {"state": state, "version_major": 2}}
    cells = [{"cell_type": "code", "source": "", "outputs": list(outputs), "metadata": {}}]
    cells.append({"cell_type": "markdown", "source": "text", "metadata": {}})
    return {"metadata": metadata, "cells": cells}


def test_views_of_models_the_file_does_not_store_are_removed_with_nothing_else():
    nb = notebook(widget_output("a"), widget_output("b"), state={"b": {"state": {}}})
    model = {"type": "notebook", "content": nb}
    notebook_hooks.pre_save_hook(model=model, path="05.ipynb", contents_manager=None)
    first, second = nb["cells"][0]["outputs"]
    # The static rendering stays for a reader; a view whose state is stored stays too.
    assert set(first["data"]) == {"text/plain", "text/html"}
    assert WIDGET_VIEW_MIMETYPE in second["data"]


def test_other_files_pass_untouched():
    model = {"type": "file", "content": "not a notebook"}
    notebook_hooks.pre_save_hook(model=model, path="notes.txt", contents_manager=None)
    assert model == {"type": "file", "content": "not a notebook"}


def test_make_lab_installs_the_hook():
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nlab:") :].split("\n\n")[0]
    (hook,) = re.findall(r"--ContentsManager\.pre_save_hook=(\S+)", recipe)
    assert hook == "lanzarote_analysis.interactive.notebook_hooks.pre_save_hook"
