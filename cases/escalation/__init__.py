"""The escalation ladder (件件有回音): an unanswered item climbs bureau by bureau to SAMR."""
