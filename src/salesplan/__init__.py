"""salesplan: a command-line personal sales planner."""

__version__ = "0.1.0"
