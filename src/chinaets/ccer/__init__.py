"""CCER: China's voluntary GHG emission reduction mechanism (温室气体自愿减排交易机制).

Projects go from the public notice of their design document to registration; reductions from
their accounting report to verification, registration and issuance as serial-numbered CCER in
the registry; CCER are traded and finally cancelled (offsetting, voluntary, event neutrality).
The lifecycle is an explicit state machine (`lifecycle`), every number of the law a dated,
cited parameter (`parameters/`), every methodology a dated formula with worked cases
(`methodologies/`, `cases/`). This module decides; the registry (`chinaets.registry`) records.
"""
