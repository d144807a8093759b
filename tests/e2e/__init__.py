"""End to end: whole worlds through intake, analysis, coordination and the API."""
