"""The exchange: CEA trading under the Shanghai exchange's rules, settled through the registry.

- `book`: one vintage's order book (price-time priority; integer fen and tonnes);
- `engine.Exchange`: the deterministic, replayable state machine over the command log
  (`listed`, `blocks`, `auction`, `day` hold each mode's checks and effects);
- `rules` + `parameters/`: every rule value as a dated, cited parameter; `calendar`: trading
  and working days;
- `service.Market`: persistence, the cash ledger and delivery-versus-payment via the registry;
- `data`: daily bars, trade lists, book snapshots, CSV/JSON; `demo`: a seeded trading day.
See docs/market.md.
"""
