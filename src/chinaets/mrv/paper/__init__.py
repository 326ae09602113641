"""Pulp and paper (造纸): a reporting sector ahead of its inclusion in the national market."""
