"""The takedown ledger (通知—删除—公示): notices to platforms, their answers, repeat alerts."""
