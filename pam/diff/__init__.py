"""pam diff: compare two versions of a plan (compare.py, pure), read from two folders or two git
revisions (revisions.py); the output is drawn by pam/render/diff.py."""
