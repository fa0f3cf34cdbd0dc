"""Reading and writing files: text, strict YAML, tables, records, rules files, the ledger."""
