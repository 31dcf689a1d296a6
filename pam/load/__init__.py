"""Loading a plan folder: files -> YAML data -> pydantic models -> checks -> (plan, problems).

files.py says where a plan's files are; yaml.py reads text into plain data (and YAML errors into
problems); pipeline.py runs the steps; cache.py keeps results between commands, at one edge.
`load_plan` is imported lazily so that `import pam.load.files` stays light.
"""

from __future__ import annotations


def __getattr__(name: str):
    if name == "load_plan":
        from pam.load.pipeline import load_plan

        return load_plan
    raise AttributeError(name)
