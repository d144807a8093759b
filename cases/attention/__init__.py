"""What needs a bureau's attention now: tasks, replies due, escalations, decisions."""
