"""Designated jurisdiction (指定管辖): bureaus ask their common superior who handles a matter."""
