"""Builds the Mojo tree-sitter parser as the extension module ``mojolint._mojo_parser``.

Everything else about the package lives in pyproject.toml. The generated parser sources
are committed under grammar/src, so building needs only a C compiler.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            name="mojolint._mojo_parser",
            sources=[
                "grammar/bindings/python/binding.c",
                "grammar/src/parser.c",
                "grammar/src/scanner.c",
            ],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11", "-O2"],
            define_macros=[("PY_SSIZE_T_CLEAN", None), ("Py_LIMITED_API", "0x030A0000")],
            py_limited_api=True,
        )
    ],
)
