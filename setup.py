"""Build hook: a wheel carries pam's report templates compiled ahead of time
(pam/render/precompiled.py), as it carries byte-compiled modules. Everything else about the
package is in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self):
        super().run()
        import subprocess
        import sys

        target = Path(self.build_lib) / "pam" / "templates_compiled"
        subprocess.run([sys.executable, "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]); "
                        "from pam.render.precompiled import compile_all; "
                        "from pathlib import Path; compile_all(Path(sys.argv[2]))",
                        self.build_lib, str(target)], check=True)


setup(cmdclass={"build_py": BuildWithTemplates})
