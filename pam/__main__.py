"""`python -m pam ...`: the same entry point as the `pam` console script."""

from pam.cli import main

if __name__ == "__main__":
    main()
