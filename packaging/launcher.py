"""Frozen entry point: the same script serves the windowed and the console executable."""

from liuzhou_gui.cli.main import main

if __name__ == "__main__":
    main()
