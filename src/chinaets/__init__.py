"""chinaets: an open, runnable reference implementation of China's national carbon market."""

__version__ = "0.1.0"
