"""python -m salesplan: the command line, leaving the process the ordinary way."""

from salesplan.cli.app import leave, run

leave(run())
