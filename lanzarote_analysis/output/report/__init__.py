"""The report as self-contained HTML pages (``lanzarote-analysis report``).

``command`` holds the command line and imports nothing heavy; ``build`` draws the
pages (bokeh and matplotlib, on first use).
"""
