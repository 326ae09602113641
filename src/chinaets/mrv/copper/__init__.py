"""Copper smelting (铜冶炼): a reporting sector ahead of its inclusion in the national market."""
