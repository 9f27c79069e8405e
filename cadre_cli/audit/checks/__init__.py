"""The checks, each with its rule's definition (cadre_cli/rules/registry.py). Importing this
package defines them, in the order `cadre rules` lists them (a tuple, not sorted imports)."""

import importlib

MODULES = ("data", "age", "eligibility", "negative", "health", "assessment", "periods", "secondment", "programme",
           "terms", "exam", "records", "village", "tiers", "pool")

for _name in MODULES:
    importlib.import_module(f"{__name__}.{_name}")
