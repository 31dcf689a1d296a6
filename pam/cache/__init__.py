"""Results kept between commands, at one edge around the pure pipeline.

`pam validate` and `pam status` are run again and again on a workspace where one card changed
(a pre-commit hook, a coordinator's terminal). Their results are kept per **unit** of files:
the plan's structure (program, domains, amendments) and each project folder of progress/. A
unit whose files did not change (same paths, sizes and modification times) gives its stored
result; only changed units are read again. The checks and rules are the same functions the
full pipeline runs (pam.checks.CARD_CHECKS look at one project's cards at a time); a test
compares both ways on every change.

- store.py: where caches live (the user's cache folder, never the work tree), plain JSON
  checked when read, keyed by pam's, Python's and the libraries' versions, the date, the
  working folder and git's state;
- fingerprint.py: the stats of every file, grouped in units (two processes for big trees);
- parallel.py: a map over two processes (fork), for cold runs of big workspaces;
- units.py: the result of one unit (its problems, its project's action results);
- run.py: what the commands call: cached_validate, cached_status.
"""
