"""Why a package cannot be patched. The caller catches `PackageError` and falls back
to writing the copy another way (it never reaches a user as a traceback)."""

from __future__ import annotations


class PackageError(Exception):
    """The package is inconsistent or holds something the patcher does not handle."""
