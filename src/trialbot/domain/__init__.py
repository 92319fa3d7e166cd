"""Pure data and rules: trials, criteria, facts, the checker, turns. No I/O here."""
