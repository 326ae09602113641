"""Monitoring, reporting and verification (MRV): emissions accounting per sector and data year."""
