"""Rule sets shipped with swplan; `national.yaml` is the built-in default."""
