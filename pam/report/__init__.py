"""Reports the decree asks for (card, semiannual, annual, public, steering), rendered with Jinja.

kinds.py builds each report's data (pure), render.py turns it into Markdown, HTML or PDF,
run.py picks periods, names files and writes `pam report all`; svg.py draws the charts.
"""

KINDS = ("card", "semiannual", "annual", "public", "steering")
