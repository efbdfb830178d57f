"""Reading plan/: files → YAML with positions → JSON Schema → one function per registry and per part of the text,
each checking what a schema cannot and returning the part of the model it makes. lnplan.loader puts them together."""
