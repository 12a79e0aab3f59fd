"""``python -m polevent.cli``."""
from . import main

main()
