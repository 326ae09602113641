"""Iron & steel sector (CETS-AG-03.01-V01-2024): carbon mass balance, processes, co-firing units."""
