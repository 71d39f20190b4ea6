// Interpreter<ReferenceAdapter> is compiled once, in reference_interpreter.cpp
// (the library asyncspec_reference_interpreter): the runner, its GoogleTest
// suite and the self-tests include this header instead of instantiating the
// whole interpreter again in each of their files.
#pragma once

#include "asyncspec/interpreter.hpp"
#include "reference_adapter.hpp"

extern template class asyncspec::Interpreter<asyncspec::ReferenceAdapter>;
