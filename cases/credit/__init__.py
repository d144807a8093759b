"""Credit records (信用信息, 002 §12, §59): entries, a supervisor's review, the export."""
