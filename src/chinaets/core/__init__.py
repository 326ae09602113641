"""Domain-neutral building blocks: errors, rounding, provenance."""
