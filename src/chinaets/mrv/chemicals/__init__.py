"""Chemicals (化工): a reporting sector ahead of its inclusion in the national market."""
