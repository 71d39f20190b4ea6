"""The IR: vocabulary, node tables, schema, the compiler and the Python IR interpreter."""
