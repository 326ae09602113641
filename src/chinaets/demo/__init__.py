"""The demo: one producer of submissions among others.

Seeded synthetic national data sets calibrated to published figures (the power fleet from
Global Energy Monitor's trackers, cement, aluminium, steel), the steps of ``chinaets demo``, and
the writer of the fleet's annual reports and monthly deposits as files that go through
``chinaets submit`` into the platform's store like a province's own.
"""
