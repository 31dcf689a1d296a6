"""JSON Schemas of the plan files, generated from the pydantic models."""

from __future__ import annotations

from pathlib import Path

from pam.fsio import write_atomic
from pam.model import Amendment, Card, Domain, Program
from pam.render.text import json_text

SCHEMAS = {"program": Program, "domain": Domain, "card": Card, "amendment": Amendment}


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json_text(schema, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        write_atomic(path, schema_text(model))
        written.append(path)
    return written
