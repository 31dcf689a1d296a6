"""Reports the decree asks for (card, semiannual, annual, public, steering), rendered with Jinja.

registry.py declares the kinds; kinds.py builds each report's data (pure); render.py turns it
into Markdown, HTML or PDF; run.py names files and writes `pam report all`; spans.py reads
periods; svg.py draws the charts.
"""
