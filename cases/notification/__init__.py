"""Clue notification (线索通报) between bureaus, replies, deadlines and escalation."""
