"""Allow `python -m anshin.model_server` before the `anshin model-server` command exists."""

from . import main

raise SystemExit(main())
