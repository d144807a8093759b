"""Tests of the cases room: joint cases, notifications, tasks, takedowns, statistics."""
