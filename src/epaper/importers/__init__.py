"""Importers: external sources (scraped pages, archives) into issue folders."""
