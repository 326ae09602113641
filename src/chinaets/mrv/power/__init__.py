"""Power-sector MRV: the MEE guideline for power-generating facilities, by data year."""
