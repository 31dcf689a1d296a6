"""The site's small prebuilt search index: every domain, axis, project and action as
[id, page path (from the language's root), Arabic name, French name], in plan order, in a
script that sets window.PAM_INDEX (a script file, so that it loads from the disk too, where a
browser refuses to fetch a JSON file). pam/templates/site/search.js filters it."""

from __future__ import annotations

import json

from pam.render.text import neutralize
from pam.site.pages import Site


def search_index(site: Site) -> str:
    rows = [[node_id, path, neutralize(ar or ""), neutralize(fr or "")]
            for path, _kind, node_id, ar, fr in site.search]
    body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    # '</' never appears raw, so the index stays inert even if pasted into a page
    return ("/* pam site search index */\nwindow.PAM_INDEX=" + body.replace("</", "<\\/")
            + ";\n")
