"""termsheet: validated term files, comparable term sheets and redlines."""

__version__ = "0.1.0"
