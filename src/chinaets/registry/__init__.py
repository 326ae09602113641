"""The registry: an exact, auditable ledger of allowances (CEA) and CCER.

`service.Registry` is the only code that commits ledger changes; everything else here reads,
checks or describes the ledger. See docs/registry.md.
"""
