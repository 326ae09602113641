"""Compliance: obligations and their scope, deadlines, usable vintages, the 2021–2022 borrowing,
the one-off 2025 carry-over, CCER offsets (5 % cap, origin and date), status and shortfall,
penalties by the law in force on the violation date, and the cheapest lawful plan.

The law is in ``parameters/`` (dated, cited YAML); worked cases in ``cases/``.
"""
