"""The CBAM bridge: an installation's Chinese MRV data in, EU CBAM figures and the operator's
communication out (embedded emissions, carbon price paid, defaults, free-allocation adjustment,
certificate cost).

The law is in ``parameters/`` (dated, cited YAML) and the worked cases in ``cases/``; the source
adapters (``sources/``) map each sector's accounting result to CBAM production processes. Entry
points: `bridge.compute` (an accounted result and a goods file), `bridge.compute_file`.
"""
