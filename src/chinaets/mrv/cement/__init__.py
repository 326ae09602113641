"""Cement clinker production (CETS-AG-02.01-V01-2024): per line fuel combustion and clinker process emissions."""
