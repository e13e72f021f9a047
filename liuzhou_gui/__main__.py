"""Entry point: `python -m liuzhou_gui` and the `liuzhou-gui` console script."""

from liuzhou_gui.cli.main import main

if __name__ == "__main__":
    main()
