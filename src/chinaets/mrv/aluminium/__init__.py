"""Aluminium smelting (CETS-AG-04.01-V01-2024): electrolysis processes and the enterprise."""
