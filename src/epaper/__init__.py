"""epaper: lays out a Chinese daily newspaper as print PDFs and an e-paper."""

__version__ = "0.1.0"
