"""Interactive views for JupyterLab and the HTML report: the gap map explorer.

Nothing here is imported by ``import lanzarote_analysis``: the explorer's public
functions are lazy names of the package (``la.explore_gap_map``,
``la.explore_recommendation_map``), and bokeh is imported only when a map is built.
"""
