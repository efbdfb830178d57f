"""The schema documents every field in both languages: the data dictionary is generated from it."""

import jsonschema

from lnplan.schema import load_schema


def walk(node, path=""):
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}[{i}]")


def test_schema_is_valid_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description_in_both_languages():
    props = list(walk(load_schema()))
    assert len(props) > 100
    missing = [p for p, spec in props if not spec.get("description") or not spec.get("x-description-zh")]
    assert not missing, missing
