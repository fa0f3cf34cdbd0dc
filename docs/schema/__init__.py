"""The JSON Schemas of swplan's JSON outputs and of its rules file.

These files are the documentation and the package at once: `pip install` ships this
folder as `swplan.schemas` (see `package-dir` in pyproject.toml), and
`swplan schema NAME` prints them from there.
"""
