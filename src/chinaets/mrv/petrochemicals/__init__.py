"""Petrochemicals (石化): a reporting sector ahead of its inclusion in the national market."""
