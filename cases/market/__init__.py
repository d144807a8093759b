"""Physical markets (实体市场) as graph nodes; the key markets list (重点市场名录)."""
