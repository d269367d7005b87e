"""anshin package."""
