"""Build hook (pyproject `[tool.setuptools.cmdclass]`): ship the top-level `templates/`
inside the installed package as `cadre_cli/templates/`.

The templates live at the top of the repository, where people find and edit them; a
wheel carries a copy, and `cadre_cli.notice.templates` looks in the package first,
then in the source tree (an editable install or a plain checkout).
"""

from pathlib import Path

from setuptools.command.build_py import build_py as _build_py

SOURCE = Path(__file__).resolve().parent / "templates"
SHIPPED = ("*.docx", "*.j2")


class build_py(_build_py):  # noqa: N801 - setuptools' command name
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the source tree is on the path; nothing to copy
        target = Path(self.build_lib) / "cadre_cli" / "templates"
        target.mkdir(parents=True, exist_ok=True)
        for pattern in SHIPPED:
            for path in sorted(SOURCE.glob(pattern)):
                self.copy_file(str(path), str(target / path.name))
