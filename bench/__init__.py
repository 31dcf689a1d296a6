"""pam's benchmark (make bench): synthetic workspaces, timed commands, BENCHMARKS.md."""
