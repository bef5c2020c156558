"""Allow ``python -m termsheet``."""

from termsheet.cli import main

if __name__ == "__main__":
    main()
