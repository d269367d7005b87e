"""One module per family of rules; `checks.registry` lists them."""
