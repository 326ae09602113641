"""CO2 continuous emissions monitoring (CEMS): HJ 212-2017 packets and tabular exports in,
partitioned Parquet stored, hourly mass, validity and substitution, totals, and reconciliation
with the calculation-based accounting — every computation one SQL text run on any analytics
engine (DuckDB by default, Spark at national scale)."""
