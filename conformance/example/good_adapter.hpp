// The adopter's adapter: here the reference implementation's, unchanged.
#pragma once

#include "reference_adapter.hpp"

namespace example {

struct GoodAdapter : asyncspec::ReferenceAdapter {};

}  // namespace example
