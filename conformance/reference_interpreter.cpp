// The one instantiation of the interpreter over the reference
// (reference_interpreter.hpp).
#include "reference_interpreter.hpp"

template class asyncspec::Interpreter<asyncspec::ReferenceAdapter>;
