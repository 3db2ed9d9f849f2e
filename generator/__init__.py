"""Report-site generator: data/ (YAML) → validated records → page contexts → Markdown + charts.

Pipeline, one module per step: yamlsafe (read) → load (structure) → checks (meaning) →
context (page data) → charts (drawn at build time: static_charts) → render (Markdown) → site (all pages) ; plugin.py is
the thin MkDocs glue.
"""
