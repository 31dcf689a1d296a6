"""Beyond one commune: bundles (one commune's plan and cards as Parquet tables) and the
roll-up of many bundles in DuckDB (provinces, regions, the ministry).

- `schema.py`: the bundle's tables and columns, versioned (the one description of them);
- `bundle.py`: a loaded plan -> the bundle's rows -> one deterministic file (pam export bundle);
- `load.py`: bundle files -> checked tables -> a DuckDB connection (refusals name the file);
- `figures.sql`, `figures.py`: pam status's figures for every commune in SQL, and the groups;
- `render.py`: the comparison as HTML (ar/fr), JSON and CSV.
"""
