"""The monitoring rules, as pure functions: the planned curve (schedule), variance and status of
an action and the roll-ups (variance), the status of the program at a date (status), reporting
discipline, an action's history, and the plan as adopted or amended (baseline)."""
