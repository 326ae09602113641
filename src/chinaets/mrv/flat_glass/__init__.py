"""Flat glass (平板玻璃): a reporting sector ahead of its inclusion in the national market."""
