// asyncspec-runner-reference: the runner protocol (PROTOCOL.md) for the
// reference implementation.
#include "asyncspec/runner.hpp"
#include "reference_interpreter.hpp"

int main(int argc, char** argv) { return asyncspec::runner_main<asyncspec::ReferenceAdapter>(argc, argv, "reference"); }
