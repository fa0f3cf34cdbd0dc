"""Results turned into reports: one module per command (its JSON, CSV rows, table
views and workbook sheets), `common` for what they share. Only here are numbers
formatted; sentences come from the message catalogue, labels from `labels`."""
