/* Exposes the Mojo grammar to py-tree-sitter as a PyCapsule named "tree_sitter.Language". */
#include <Python.h>

typedef struct TSLanguage TSLanguage;

const TSLanguage *tree_sitter_mojo(void);

static PyObject *language(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyCapsule_New((void *)tree_sitter_mojo(), "tree_sitter.Language", NULL);
}

static PyMethodDef methods[] = {
    {"language", language, METH_NOARGS, "Return the Mojo tree-sitter language as a capsule."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_mojo_parser",
    .m_doc = "The Mojo tree-sitter grammar owned by mojolint.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__mojo_parser(void) { return PyModule_Create(&module); }
