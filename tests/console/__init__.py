"""Tests of the console room in a real browser (Debian's Chromium via Playwright)."""
