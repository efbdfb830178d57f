"""Plain rendering functions: model in, Markdown/HTML out. No MkDocs here; macros.py adapts them."""
