"""JSON Schemas of the content and brand formats, for editors (YAML language server)."""

from __future__ import annotations

import json
from typing import Any

from .content import Brochure
from .includes import with_includes
from .theme import Brand

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(which: str = "brochure") -> dict[str, Any]:
    """The JSON Schema of ``brochure`` or ``brand`` files."""
    model = Brand if which == "brand" else Brochure
    schema = model.model_json_schema(mode="validation")
    if model is Brochure:
        schema = with_includes(schema)
    title = "Brand" if which == "brand" else "Brochure"
    return {"$schema": SCHEMA_DRAFT, **schema, "title": f"brochure-builder {title}"}


def schema_text(which: str = "brochure") -> str:
    return json.dumps(json_schema(which), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
